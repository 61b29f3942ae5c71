using System.Security.Cryptography;
using System.Text;

namespace Sentinel.Core.Datasets;

/// <summary>What <see cref="EvaluationSplit.Assign"/> splits, and what it must keep apart.</summary>
public sealed record EvaluationSplitInputs
{
    /// <summary>This retrain's labelled rows (generated and feedback), already free of exact duplicates.</summary>
    public required IReadOnlyList<DatasetRow> Rows { get; init; }
    /// <summary>The specialist's evaluation set so far (the champion's run keeps it); its rows stay evaluation rows.</summary>
    public IReadOnlyList<DatasetRow> PreviousEvaluation { get; init; } = [];
    /// <summary>The rows the champion was trained on; null when they are unknown (a champion trained before Sentinel kept them).</summary>
    public IReadOnlyList<DatasetRow>? ChampionTraining { get; init; }
    /// <summary>Rows no model may learn from that are not this retrain's rows (the golden set): rows near them only evaluate.</summary>
    public IReadOnlyList<DatasetRow> Reserved { get; init; } = [];
    /// <summary>The share of new groups that become evaluation rows, in (0, 1).</summary>
    public required double EvaluationFraction { get; init; }
    /// <summary>Mixed into the assignment hash (the specialist type), so two specialists do not hold out the same texts.</summary>
    public required string Salt { get; init; }
    public double NearDuplicateThreshold { get; init; } = NearDuplicateGroups.DefaultThreshold;
}

/// <summary>The result of <see cref="EvaluationSplit.Assign"/>.</summary>
public sealed record EvaluationSplitResult
{
    public required IReadOnlyList<DatasetRow> Training { get; init; }
    /// <summary>The specialist's evaluation set after this retrain: no row within the threshold of a training row.</summary>
    public required IReadOnlyList<DatasetRow> Evaluation { get; init; }
    /// <summary>The evaluation rows neither the challenger nor (when known) the champion trained on or near: what they are compared on.</summary>
    public required IReadOnlyList<DatasetRow> Comparison { get; init; }
    /// <summary>False when the champion's training rows were unknown, so <see cref="Comparison"/> may hold rows it trained on.</summary>
    public required bool ChampionTrainingKnown { get; init; }
    /// <summary>Groups of near-duplicate texts among the rows and the previous evaluation set.</summary>
    public required int Groups { get; init; }
    /// <summary>Rows that are near-duplicates of an earlier row of their group (rows minus groups).</summary>
    public required int NearDuplicateRows { get; init; }
    /// <summary>Evaluation rows left out of the comparison because the champion trained on them or on a near-duplicate.</summary>
    public required int ExcludedNearChampionTraining { get; init; }
    /// <summary>Evaluation groups moved to training because a label had no training row otherwise.</summary>
    public required int MovedToTraining { get; init; }
}

/// <summary>
/// Decides which rows train and which evaluate, so that no model is ever judged on what it learned from (a pure
/// decision). Near-duplicates are grouped first (<see cref="NearDuplicateGroups"/>) and a group goes to one side
/// as a whole:
/// <list type="number">
/// <item>a group with a row of the previous evaluation set, or near a reserved row (the golden set), is evaluation;</item>
/// <item>else a group with a row the champion trained on is training;</item>
/// <item>else the group is evaluation when SHA-256(salt, its smallest normal form) falls in the evaluation fraction:
/// the same text lands on the same side in every retrain, on every machine.</item>
/// </list>
/// A label whose rows all landed in evaluation gets its largest group moved to training (a model cannot learn a
/// label it never saw); that move is counted. The comparison set is the evaluation rows whose group holds nothing the
/// champion trained on.
/// </summary>
public static class EvaluationSplit
{
    public static EvaluationSplitResult Assign(EvaluationSplitInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.EvaluationFraction is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs.EvaluationFraction, "the evaluation fraction must be between 0 and 1 (exclusive), e.g. 0.2");

        // One entry per normal form: this retrain's rows first (their labels are the newest), then the previous
        // evaluation rows, then the champion's training rows (anchors only: they are not this retrain's rows).
        var entries = new List<Entry>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(DatasetRow row, bool output, bool previousEvaluation, bool championTraining, bool reserved = false)
        {
            var key = TextNormalizer.Normalize(row.Text);
            if (key.Length == 0) return;
            if (!byKey.TryGetValue(key, out var at))
            {
                byKey[key] = at = entries.Count;
                entries.Add(new Entry(row, key));
            }
            var entry = entries[at];
            if (output && !entry.Output) entry.Row = row;
            entry.Output |= output;
            entry.PreviousEvaluation |= previousEvaluation;
            entry.ChampionTraining |= championTraining;
            entry.Reserved |= reserved;
        }
        foreach (var row in inputs.Rows) Add(row, output: true, previousEvaluation: false, championTraining: false);
        foreach (var row in inputs.PreviousEvaluation) Add(row, output: true, previousEvaluation: true, championTraining: false);
        foreach (var row in inputs.ChampionTraining ?? []) Add(row, output: false, previousEvaluation: false, championTraining: true);
        foreach (var row in inputs.Reserved) Add(row, output: false, previousEvaluation: false, championTraining: false, reserved: true);

        var groupOf = NearDuplicateGroups.Find([.. entries.Select(e => TextShingles.Of(e.Key))], inputs.NearDuplicateThreshold);
        var groups = entries.Select((e, i) => (Entry: e, Group: groupOf[i])).GroupBy(p => p.Group, p => p.Entry).ToDictionary(g => g.Key, g => g.ToList());
        var evaluation = new HashSet<int>();
        var nearChampion = new HashSet<int>();
        foreach (var (id, members) in groups)
        {
            var championTrained = members.Exists(m => m.ChampionTraining);
            if (championTrained) nearChampion.Add(id);
            if (members.Exists(m => m.PreviousEvaluation || m.Reserved)
                || (!championTrained && InEvaluationFraction(inputs.Salt, SmallestKey(members), inputs.EvaluationFraction)))
                evaluation.Add(id);
        }

        var moved = MoveForUncoveredLabels(entries, groupOf, groups, evaluation);
        var outputs = entries.Select((e, i) => (Entry: e, Group: groupOf[i])).Where(p => p.Entry.Output).ToList();
        var evaluationRows = outputs.Where(p => evaluation.Contains(p.Group)).Select(p => p.Entry.Row).ToList();
        var comparison = outputs.Where(p => evaluation.Contains(p.Group) && !nearChampion.Contains(p.Group)).Select(p => p.Entry.Row).ToList();
        var outputGroups = outputs.Select(p => p.Group).Distinct().Count();
        return new EvaluationSplitResult
        {
            Training = [.. outputs.Where(p => !evaluation.Contains(p.Group)).Select(p => p.Entry.Row)],
            Evaluation = evaluationRows,
            Comparison = comparison,
            ChampionTrainingKnown = inputs.ChampionTraining is not null,
            Groups = outputGroups,
            NearDuplicateRows = outputs.Count - outputGroups,
            ExcludedNearChampionTraining = evaluationRows.Count - comparison.Count,
            MovedToTraining = moved,
        };
    }

    /// <summary>Whether a group whose smallest normal form is <paramref name="key"/> is held out for evaluation.</summary>
    public static bool InEvaluationFraction(string salt, string key, double fraction)
    {
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{salt}\n{key}"), digest);
        var unit = (BitConverter.ToUInt64(digest) >> 11) * (1.0 / (1UL << 53));
        return unit < fraction;
    }

    private static int MoveForUncoveredLabels(List<Entry> entries, int[] groupOf, Dictionary<int, List<Entry>> groups, HashSet<int> evaluation)
    {
        var moved = 0;
        var trainedLabels = entries.Where((e, i) => e.Output && !evaluation.Contains(groupOf[i])).Select(e => e.Row.Label).ToHashSet(StringComparer.Ordinal);
        var uncovered = entries.Where(e => e.Output).Select(e => e.Row.Label).Distinct(StringComparer.Ordinal)
            .Where(l => !trainedLabels.Contains(l)).Order(StringComparer.Ordinal).ToList();
        foreach (var label in uncovered)
        {
            if (trainedLabels.Contains(label)) continue;
            var largest = evaluation
                .Where(id => !groups[id].Exists(m => m.Reserved))
                .Select(id => (Id: id, Rows: groups[id].Count(m => m.Output && m.Row.Label == label), Key: SmallestKey(groups[id])))
                .Where(g => g.Rows > 0)
                .OrderByDescending(g => g.Rows).ThenBy(g => g.Key, StringComparer.Ordinal)
                .FirstOrDefault();
            if (largest.Rows == 0) continue; // only near the golden set: the trainer will say the label has no training rows
            evaluation.Remove(largest.Id);
            moved++;
            foreach (var m in groups[largest.Id].Where(m => m.Output)) trainedLabels.Add(m.Row.Label);
        }
        return moved;
    }

    private static string SmallestKey(List<Entry> members) => members.Select(m => m.Key).Min(StringComparer.Ordinal)!;

    private sealed class Entry(DatasetRow row, string key)
    {
        public DatasetRow Row { get; set; } = row;
        public string Key { get; } = key;
        public bool Output { get; set; }
        public bool PreviousEvaluation { get; set; }
        public bool ChampionTraining { get; set; }
        public bool Reserved { get; set; }
    }
}
