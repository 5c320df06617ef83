using Microsoft.ML.OnnxRuntime;

namespace Cluster.Onnx.Tests;

public sealed class WideMlpModelTests : IDisposable
{
    private const int Width = 64;
    private const int Layers = 2;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cluster-wide-mlp-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void SmallWideMlpMatchesReferenceComputation()
    {
        var folder = TestModels.WriteWideMlp(_root, Width, Layers);
        var modelPath = Path.Combine(folder, "1", ModelRepositoryWriter.ModelFileName);
        using var session = new InferenceSession(modelPath);
        Assert.Equal([-1, Width], session.InputMetadata["x"].Dimensions);
        Assert.Equal([-1, Width], session.OutputMetadata["y"].Dimensions);

        const int batch = 2;
        var random = new Random(3);
        var x = Enumerable.Range(0, batch * Width).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        using var input = Ort.Tensor(x, batch, Width);
        using var outputs = Ort.Run(session, new Dictionary<string, OrtValue> { ["x"] = input }, "y");
        var y = outputs[0].GetTensorDataAsSpan<float>().ToArray();

        var expected = Reference(OnnxFile.Load(modelPath), x, batch);
        Assert.Equal(expected.Length, y.Length);
        for (var i = 0; i < y.Length; i++)
            Assert.Equal(expected[i], y[i], 1e-3f);
        Assert.All(y, value => Assert.True(value >= 0));
    }

    [Fact]
    public void WideMlpConfigUsesAutoInstanceKind()
    {
        var folder = TestModels.WriteWideMlp(_root, Width, Layers);
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(folder, ModelRepositoryWriter.ConfigFileName)))!;

        Assert.Equal(TestModels.WideMlp, (string?)config["name"]);
        Assert.Equal(Width, (long?)config["input"]![0]!["dims"]![0]);
        Assert.Equal("KIND_AUTO", (string?)config["instance_group"]![0]!["kind"]);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    /// <summary>Recomputes the network from the initializers stored in the file (raw little-endian floats).</summary>
    private static float[] Reference(ModelProto model, float[] x, int batch)
    {
        var tensors = model.Graph.Initializer.ToDictionary(t => t.Name, t => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray());
        var activations = x;
        for (var layer = 0; layer < Layers; layer++)
        {
            var w = tensors[$"w{layer}"];
            var b = tensors[$"b{layer}"];
            var next = new float[batch * Width];
            for (var row = 0; row < batch; row++)
            {
                for (var j = 0; j < Width; j++)
                {
                    double sum = b[j];
                    for (var k = 0; k < Width; k++)
                        sum += activations[row * Width + k] * w[k * Width + j];
                    next[row * Width + j] = (float)Math.Max(0, sum);
                }
            }

            activations = next;
        }

        return activations;
    }
}
