using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Cluster.Onnx.Tests;

public sealed class MlpModelTests(TestModelRepository repository) : IClassFixture<TestModelRepository>
{
    [Fact]
    public void MlpDeclaresFeaturesAndProbabilities()
    {
        using var session = new InferenceSession(repository.ModelPath(TestModels.Mlp));

        var input = Assert.Single(session.InputMetadata);
        var output = Assert.Single(session.OutputMetadata);
        Assert.Equal("x", input.Key);
        Assert.Equal([-1, 8], input.Value.Dimensions);
        Assert.Equal("probabilities", output.Key);
        Assert.Equal([-1, 3], output.Value.Dimensions);
        Assert.Equal(TensorElementType.Float, output.Value.ElementDataType);
    }

    [Fact]
    public void MlpRowsAreProbabilityDistributions()
    {
        using var session = new InferenceSession(repository.ModelPath(TestModels.Mlp));
        const int batch = 5;
        var random = new Random(7);
        var x = Enumerable.Range(0, batch * 8).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        using var input = Ort.Tensor(x, batch, 8);

        using var outputs = Ort.Run(session, new Dictionary<string, OrtValue> { ["x"] = input }, "probabilities");

        var output = Assert.Single(outputs);
        Assert.Equal([batch, 3], output.GetTensorTypeAndShape().Shape);
        var probabilities = output.GetTensorDataAsSpan<float>().ToArray();
        Assert.All(probabilities, p => Assert.InRange(p, 0f, 1f));
        for (var row = 0; row < batch; row++)
            Assert.Equal(1.0, probabilities.Skip(row * 3).Take(3).Sum(), 5);
        Assert.True(probabilities.Distinct().Count() > 3, "The seeded weights should give distinct probabilities.");
    }

    [Fact]
    public void TestModelsAreByteForByteReproducible()
    {
        Assert.Equal(TestModels.BuildMlp().ToByteArray(), TestModels.BuildMlp().ToByteArray());
        Assert.Equal(File.ReadAllBytes(repository.ModelPath(TestModels.Mlp)), TestModels.BuildMlp().ToByteArray());
    }
}
