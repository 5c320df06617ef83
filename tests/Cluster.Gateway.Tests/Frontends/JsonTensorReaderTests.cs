using System.Text.Json;
using Cluster.Gateway.Rest;
using Cluster.Gateway.Serving;

namespace Cluster.Gateway.Tests.Frontends;

public sealed class JsonTensorReaderTests
{
    private static JsonElement Body(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void NestedDataIsReadRowMajorIntoRawBytes()
    {
        var call = JsonTensorReader.Read("risk", "", Body("""
            {"id":"r1","inputs":[{"name":"x","datatype":"INT32","shape":[2,2],"data":[[1,2],[3,4]]}],"outputs":[{"name":"y"}]}
            """), null);

        Assert.Null(call.Unreadable);
        Assert.Equal("r1", call.Id);
        Assert.Equal(["y"], call.Outputs);
        Assert.Equal(new[] { 1, 2, 3, 4 }.SelectMany(BitConverter.GetBytes).ToArray(), call.Inputs[0].Data.ToArray());
    }

    [Fact]
    public void TheBodysPurposeWinsOverTheHeaders()
    {
        var call = JsonTensorReader.Read("risk", "", Body("""{"inputs":[],"parameters":{"purpose_of_use":"HRESCH"}}"""), "TREAT");

        Assert.Equal("HRESCH", call.Purpose);
    }

    [Fact]
    public void ABodyWithoutInputsIsACallCarryingItsRefusalAndKeepsItsId()
    {
        var call = JsonTensorReader.Read("risk", "3", Body("""{"id":"r2"}"""), null);

        Assert.Equal(ServingCode.InvalidArgument, call.Unreadable?.Code);
        Assert.Equal(ErrorReasons.InvalidTensor, call.Unreadable!.Reason);
        Assert.Equal(("r2", "3"), (call.Id, call.Version));
    }

    [Fact]
    public void AValueOutOfRangeForItsDatatypeIsRefusedByIndexWithoutQuotingIt()
    {
        var call = JsonTensorReader.Read("risk", "", Body("""
            {"inputs":[{"name":"x","datatype":"UINT8","shape":[2],"data":[1,300]}]}
            """), null);

        Assert.Equal("input 'x' value at index 1 is not a valid UINT8.", call.Unreadable!.Message);
    }

    [Theory]
    [InlineData("""{"id": "a\ud800", "inputs": []}""", "'id' is not valid Unicode text")]
    [InlineData("""{"inputs": [{"name": "\udc00", "datatype": "BYTES", "shape": [1], "data": ["x"]}]}""", "inputs[0]'s 'name' is not valid Unicode text")]
    [InlineData("""{"inputs": [{"name": "t", "datatype": "BYTES", "shape": [1], "data": ["\ud800"]}]}""", "input 't' value at index 0 is not valid Unicode text")]
    public void ALoneSurrogateIsRefusedNamingWhereItIs(string json, string expected)
    {
        var call = JsonTensorReader.Read("risk", "", Body(json), null);

        Assert.Equal(ServingCode.InvalidArgument, call.Unreadable?.Code);
        Assert.Contains(expected, call.Unreadable!.Message);
    }
}
