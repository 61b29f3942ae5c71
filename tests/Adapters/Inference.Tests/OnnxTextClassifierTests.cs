using Sentinel.Adapters.Inference;

namespace Sentinel.Adapters.Inference.Tests;

public sealed class OnnxTextClassifierTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");
    private static byte[] Model => File.ReadAllBytes(Path.Combine(Fixtures, "support.onnx"));
    private static LabelMap Labels => LabelMap.Parse(File.ReadAllText(Path.Combine(Fixtures, LabelMap.FileName)));

    [Theory]
    [InlineData("My invoice shows a double payment, I want a refund", "billing")]
    [InlineData("The app is DOWN again: timeout error!", "outage")]
    [InlineData("Thanks, the team was really helpful", "praise")]
    public void Predict_Text_ReturnsLabelWithHighestScore(string text, string expected)
    {
        using var classifier = new OnnxTextClassifier(Model, Labels);

        var prediction = classifier.Predict(text);

        Assert.Equal(expected, prediction.Label);
        Assert.Equal(prediction.Scores.Values.Max(), prediction.Confidence);
        Assert.Equal(["billing", "outage", "praise"], prediction.Scores.Keys.Order());
        Assert.Equal(1.0, prediction.Scores.Values.Sum(), 1e-4);
    }

    [Fact]
    public void PredictBatch_Texts_EqualsOneByOnePredictionsInOrder()
    {
        using var classifier = new OnnxTextClassifier(Model, Labels);
        string[] texts = ["refund my card", "crash and error", "awesome work", "", "unrelated words entirely"];

        var batch = classifier.PredictBatch(texts);

        Assert.Equal(texts.Length, batch.Count);
        for (var i = 0; i < texts.Length; i++)
            Assert.Equal(classifier.Predict(texts[i]).Scores, batch[i].Scores);
    }

    [Fact]
    public void Load_ExportedTokenizerModel_ReportsThatItDoesNotBatchNatively()
    {
        // The ML.NET export scores a multi-row batch as one row; the classifier detects it and loops per row.
        using var classifier = new OnnxTextClassifier(Model, Labels);

        Assert.False(classifier.BatchesNatively);
    }

    [Fact]
    public async Task Predict_ConcurrentCallers_GetTheSameAnswersAsSequentialCalls()
    {
        using var classifier = new OnnxTextClassifier(Model, Labels);
        var texts = Enumerable.Range(0, 200).Select(i => (i % 3) switch { 0 => $"refund {i}", 1 => $"down {i}", _ => $"thanks {i}" }).ToArray();
        var expected = texts.Select(t => classifier.Predict(t).Label).ToArray();

        var actual = await Task.WhenAll(texts.Select(t => Task.Run(() => classifier.Predict(t).Label, TestContext.Current.CancellationToken)));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Load_LabelMapWithWrongLabelCount_ThrowsNamingTheOutput()
    {
        var map = Labels with { Labels = ["billing", "outage"] };

        var error = Assert.Throws<InvalidDataException>(() => new OnnxTextClassifier(Model, map));

        Assert.Contains("'Score.output' must be a float tensor [N, 2]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongInputName_ThrowsListingTheModelsInputs()
    {
        var error = Assert.Throws<InvalidDataException>(() => new OnnxTextClassifier(Model, Labels with { Input = "body" }));

        Assert.Contains("one input named 'body'; it has 'text' String [-1, 1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BytesThatAreNotOnnx_ThrowsInvalidData()
    {
        var error = Assert.Throws<InvalidDataException>(() => new OnnxTextClassifier("not a model"u8.ToArray(), Labels));

        Assert.Contains("not a loadable ONNX model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_AfterDispose_ThrowsObjectDisposed()
    {
        var classifier = new OnnxTextClassifier(Model, Labels);
        classifier.Dispose();

        Assert.Throws<ObjectDisposedException>(() => classifier.Predict("refund"));
    }

    [Theory]
    [InlineData("{\"labels\": []}")]
    [InlineData("{\"labels\": [\"a\", \"a\"]}")]
    [InlineData("not json")]
    public void LabelMapParse_Invalid_ThrowsInvalidData(string json) =>
        Assert.Throws<InvalidDataException>(() => LabelMap.Parse(json));
}
