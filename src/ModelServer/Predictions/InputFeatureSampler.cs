using Microsoft.Extensions.Options;
using Sentinel.Core.Drift;
using Sentinel.ModelServer.Configuration;

namespace Sentinel.ModelServer.Predictions;

/// <summary>
/// Picks a random <see cref="ModelServerOptions.FeatureSampleRate"/> of the predictions and gives each picked one its
/// input's hashed features (<see cref="FeatureHasher.Default"/>, the hasher of the reference sample AutoRetrain saves
/// at promotion), logged with the prediction for the monitor's input drift test. The hasher reads the text in the
/// classifier's normal form (<see cref="Core.Datasets.TextNormalizer"/>: lower-case words of letters and digits), so
/// "Great, thanks!" and "great thanks" give the same vector.
/// </summary>
public sealed class InputFeatureSampler
{
    private readonly double _rate;
    private readonly Random _random;

    public InputFeatureSampler(IOptions<ModelServerOptions> options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value.FeatureSampleRate, Random.Shared)
    {
    }

    /// <param name="rate">The share of predictions sampled, in [0, 1]; 0 samples none.</param>
    /// <param name="random">The source of the sampling decisions (thread-safe when shared across requests).</param>
    public InputFeatureSampler(double rate, Random random)
    {
        if (!(rate >= 0 && rate <= 1)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "The sample rate must lie in [0, 1].");
        ArgumentNullException.ThrowIfNull(random);
        _rate = rate;
        _random = random;
    }

    /// <summary>The features of <paramref name="text"/> when this prediction is sampled; null (and nothing allocated) when it is not.</summary>
    public SparseVector? Sample(string text)
    {
        if (_rate <= 0 || (_rate < 1 && _random.NextDouble() >= _rate)) return null;
        return FeatureHasher.Default.Transform(text);
    }
}
