using Cluster.Grains.Inference;
using Cluster.Grains.Tests.Fixtures;

namespace Cluster.Grains.Tests.Onnx;

[Collection(TestModelsCollection.Name)]
public sealed class BytesRunnerTests(TestModelsFixture models)
{
    private static InferenceRequest WithElements(params byte[][] elements) =>
        new("identity-bytes", 1, [new InferenceTensor("INPUT0", DataTypes.Bytes, [1, 4], BytesTensor.Join([.. elements.Select(e => (ReadOnlyMemory<byte>)e)]))], []);

    [Fact]
    public void InvalidUtf8IsRefusedAsInvalidArgumentNamingTheElement()
    {
        var request = WithElements("ok"u8.ToArray(), [0xC3, 0x28], "12345"u8.ToArray(), []);
        RequestValidator.Validate(models.Version("identity-bytes"), request);

        var error = Assert.Throws<InferenceException>(() => models.Runner("identity-bytes").Run(request));

        Assert.Equal(InferenceStatus.InvalidArgument, error.Status);
        Assert.Equal("input 'INPUT0' element 1 is not valid UTF-8; ONNX string tensors hold UTF-8 text.", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xE2, 0x82 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    public void EveryKindOfInvalidUtf8IsRefused(byte[] element)
    {
        var error = Assert.Throws<InferenceException>(() => models.Runner("identity-bytes").Run(WithElements([], [], [], element)));

        Assert.Equal("input 'INPUT0' element 3 is not valid UTF-8; ONNX string tensors hold UTF-8 text.", error.Message);
    }

    [Fact]
    public void TheRunnerStillServesAfterARefusal()
    {
        var runner = models.Runner("identity-bytes");
        Assert.Throws<InferenceException>(() => runner.Run(WithElements([0xFF], [], [], [])));

        var request = WithElements("x"u8.ToArray(), [], "ü"u8.ToArray(), "y"u8.ToArray());
        var output = Assert.Single(runner.Run(request).Outputs);

        Assert.Equal(request.Inputs[0].Data, output.Data);
    }
}
