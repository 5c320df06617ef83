using Cluster.Client.Tensors;

namespace Cluster.Client.Tests.Tensors;

public sealed class KServeJsonRequestTests
{
    [Fact]
    public void FlattensNestedDataRowMajor()
    {
        var body = KServeJsonRequest.Parse("""{"inputs": [{"name": "x", "datatype": "INT32", "shape": [2, 2], "data": [[1, 2], [3, 4]]}]}""");
        Assert.Equal(TensorEncoder.Encode("INT32", ["1", "2", "3", "4"]), Assert.Single(body.Inputs).RawData);
    }

    [Fact]
    public void ReadsParametersByJsonKind()
    {
        var body = KServeJsonRequest.Parse("""{"parameters": {"s": "a", "b": true, "i": -3, "d": 0.5}, "inputs": []}""");
        Assert.Equal("a", body.Parameters["s"].StringParam);
        Assert.True(body.Parameters["b"].BoolParam);
        Assert.Equal(-3, body.Parameters["i"].Int64Param);
        Assert.Equal(0.5, body.Parameters["d"].DoubleParam);
    }

    [Theory]
    [InlineData("""[]""", "body must be a JSON object")]
    [InlineData("""{}""", "body needs an 'inputs' array")]
    [InlineData("""{"inputs": [{"datatype": "FP32", "shape": [1], "data": [1]}]}""", "inputs[0] needs a non-empty string 'name'")]
    [InlineData("""{"inputs": [{"name": "x", "datatype": "FP8", "shape": [1], "data": [1]}]}""", "input 'x' has unknown datatype 'FP8'; expected one of BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BF16, BYTES")]
    [InlineData("""{"inputs": [{"name": "x", "datatype": "FP32", "shape": [-1], "data": [1]}]}""", "input 'x' shape must hold non-negative integers")]
    [InlineData("""{"inputs": [{"name": "x", "datatype": "FP32", "shape": [1]}]}""", "input 'x' needs 'data'")]
    [InlineData("""{"inputs": [{"name": "x", "datatype": "FP32", "shape": [1], "data": ["1"]}]}""", "input 'x' is FP32; its data must be numbers (value at index 0 is not)")]
    [InlineData("""{"inputs": [{"name": "x", "datatype": "BOOL", "shape": [1], "data": [1]}]}""", "input 'x' is BOOL; its data must be booleans (value at index 0 is not)")]
    [InlineData("""{"inputs": [{"name": "x", "datatype": "BYTES", "shape": [1], "data": [1]}]}""", "input 'x' is BYTES; its data must be strings (value at index 0 is not)")]
    [InlineData("""{"inputs": [{"name": "x", "datatype": "UINT8", "shape": [1], "data": [300]}]}""", "input 'x': value at index 0 is not a valid UINT8")]
    [InlineData("""{"inputs": [], "outputs": {"name": "y"}}""", "'outputs' must be an array")]
    public void RejectsMalformedBodiesPrecisely(string json, string message) =>
        Assert.Equal(message, Assert.Throws<TensorFormatException>(() => KServeJsonRequest.Parse(json)).Message);
}
