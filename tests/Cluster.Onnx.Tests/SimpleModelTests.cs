using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Cluster.Onnx.Tests;

public sealed class SimpleModelTests(TestModelRepository repository) : IClassFixture<TestModelRepository>
{
    [Fact]
    public void SimpleModelDeclaresTwoInt32InputsAndOutputs()
    {
        using var session = new InferenceSession(repository.ModelPath(TestModels.Simple));

        Assert.Equal(["INPUT0", "INPUT1"], session.InputNames);
        Assert.Equal(["OUTPUT0", "OUTPUT1"], session.OutputNames);
        foreach (var metadata in session.InputMetadata.Values.Concat(session.OutputMetadata.Values))
        {
            Assert.Equal(TensorElementType.Int32, metadata.ElementDataType);
            Assert.Equal([-1, 16], metadata.Dimensions);
        }
    }

    [Fact]
    public void SimpleModelAddsAndSubtracts()
    {
        using var session = new InferenceSession(repository.ModelPath(TestModels.Simple));
        const int batch = 2;
        var a = Enumerable.Range(0, batch * 16).ToArray();
        var b = Enumerable.Range(0, batch * 16).Select(i => 100 - 3 * i).ToArray();
        using var input0 = Ort.Tensor(a, batch, 16);
        using var input1 = Ort.Tensor(b, batch, 16);

        using var outputs = Ort.Run(session, new Dictionary<string, OrtValue> { ["INPUT0"] = input0, ["INPUT1"] = input1 }, "OUTPUT0", "OUTPUT1");

        Assert.Equal(a.Zip(b, (x, y) => x + y), outputs[0].GetTensorDataAsSpan<int>().ToArray());
        Assert.Equal(a.Zip(b, (x, y) => x - y), outputs[1].GetTensorDataAsSpan<int>().ToArray());
    }
}
