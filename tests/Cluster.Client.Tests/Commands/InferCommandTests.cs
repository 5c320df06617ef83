using Cluster.Client.Tests.Infrastructure;
using Google.Protobuf;
using Inference;

namespace Cluster.Client.Tests.Commands;

public sealed class InferCommandTests : IDisposable
{
    private const string Usage =
        "(usage: clusterctl infer MODEL [--version V] [--input NAME:DATATYPE:SHAPE:VALUES]... [--data-json FILE] [--purpose CODE] [--output NAME]...)";

    private readonly string _directory = Directory.CreateTempSubdirectory("clusterctl-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteFile(string json)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static byte[] Floats(params float[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    [Fact]
    public void InputTravelsAsNameDatatypeShapeAndRawLittleEndianBytes()
    {
        var request = ClusterCtl.Request<ModelInferRequest>("infer", "breast-cancer-risk", "--input", "features:FP32:1,3:17.99,10.38,-122.8");
        Assert.Equal("breast-cancer-risk", request.ModelName);
        Assert.Equal("", request.ModelVersion);
        var input = Assert.Single(request.Inputs);
        Assert.Equal("features", input.Name);
        Assert.Equal("FP32", input.Datatype);
        Assert.Equal([1L, 3L], input.Shape);
        Assert.Null(input.Contents);
        Assert.Equal(Floats(17.99f, 10.38f, -122.8f), Assert.Single(request.RawInputContents).ToByteArray());
        Assert.Empty(request.Parameters);
        Assert.Empty(request.Outputs);
    }

    [Fact]
    public void PurposeTravelsAsTheStringParameterPurposeOfUse()
    {
        var request = ClusterCtl.Request<ModelInferRequest>("infer", "m", "--input", "x:INT64:1:5", "--purpose", "TREAT");
        Assert.Equal(new InferParameter { StringParam = "TREAT" }, request.Parameters["purpose_of_use"]);
    }

    [Fact]
    public void VersionOutputsAndSeveralInputsAreSent()
    {
        var request = ClusterCtl.Request<ModelInferRequest>(
            "infer", "m", "--version", "2", "--input", "a:INT32:2:1,2", "--input", "b:BOOL:1:true", "--output", "p", "--output", "q");
        Assert.Equal("2", request.ModelVersion);
        Assert.Equal(["a", "b"], request.Inputs.Select(i => i.Name));
        Assert.Equal(2, request.RawInputContents.Count);
        Assert.Equal(["p", "q"], request.Outputs.Select(o => o.Name));
    }

    [Fact]
    public void DataJsonReadsAKServeRestBody()
    {
        var path = WriteFile("""
            {"id": "first-call", "parameters": {"purpose_of_use": "HRESCH"},
             "inputs": [{"name": "features", "datatype": "FP32", "shape": [1, 2], "data": [[1.5, 2]]},
                        {"name": "note", "datatype": "BYTES", "shape": [1], "data": ["hi"]}],
             "outputs": [{"name": "malignant"}]}
            """);
        var request = ClusterCtl.Request<ModelInferRequest>("infer", "m", "--data-json", path);
        Assert.Equal("first-call", request.Id);
        Assert.Equal("HRESCH", request.Parameters["purpose_of_use"].StringParam);
        Assert.Equal(["features", "note"], request.Inputs.Select(i => i.Name));
        Assert.Equal(Floats(1.5f, 2f), request.RawInputContents[0].ToByteArray());
        Assert.Equal(new byte[] { 2, 0, 0, 0, (byte)'h', (byte)'i' }, request.RawInputContents[1].ToByteArray());
        Assert.Equal("malignant", Assert.Single(request.Outputs).Name);
    }

    [Fact]
    public void PurposeOptionOverridesTheDataJsonParameter()
    {
        var path = WriteFile("""{"parameters": {"purpose_of_use": "HRESCH"}, "inputs": [{"name": "x", "datatype": "INT8", "shape": [1], "data": [1]}]}""");
        Assert.Equal("TREAT", ClusterCtl.Request<ModelInferRequest>("infer", "m", "--data-json", path, "--purpose", "TREAT").Parameters["purpose_of_use"].StringParam);
    }

    [Fact]
    public void DataJsonAndInputOptionsCombine()
    {
        var path = WriteFile("""{"inputs": [{"name": "a", "datatype": "UINT8", "shape": [1], "data": [1]}]}""");
        var request = ClusterCtl.Request<ModelInferRequest>("infer", "m", "--data-json", path, "--input", "b:UINT8:1:2");
        Assert.Equal(["a", "b"], request.Inputs.Select(i => i.Name));
    }

    [Fact]
    public void TheSameInputTwiceIsAUsageError()
    {
        var path = WriteFile("""{"inputs": [{"name": "a", "datatype": "UINT8", "shape": [1], "data": [1]}]}""");
        Assert.Equal($"error: infer: input 'a' is given more than once {Usage}", ClusterCtl.UsageError("infer", "m", "--data-json", path, "--input", "a:UINT8:1:2"));
    }

    [Fact]
    public void NoInputIsAUsageError() =>
        Assert.Equal($"error: infer: give at least one --input or --data-json {Usage}", ClusterCtl.UsageError("infer", "m"));

    [Fact]
    public void NoModelIsAUsageError() =>
        Assert.Equal($"error: infer: missing MODEL {Usage}", ClusterCtl.UsageError("infer", "--input", "a:UINT8:1:2"));

    [Theory]
    [InlineData("features:FP32:1,30", "--input must be NAME:DATATYPE:SHAPE:VALUES (e.g. features:FP32:1,30:17.99,10.38,...)")]
    [InlineData(":FP32:1:1", "--input needs a NAME before the first ':' (NAME:DATATYPE:SHAPE:VALUES)")]
    [InlineData("x:FP8:1:1", "--input 'x': unknown datatype 'FP8'; expected one of BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BF16, BYTES")]
    [InlineData("x:FP32:1,a:1", "--input 'x': SHAPE '1,a' must be comma-separated non-negative integers (e.g. 1,30)")]
    [InlineData("x:FP32:-1:1", "--input 'x': SHAPE '-1' must be comma-separated non-negative integers (e.g. 1,30)")]
    [InlineData("x:FP32:1,3:1,2", "--input 'x': shape [1,3] needs 3 values; got 2")]
    [InlineData("x:FP32:2:1,abc", "--input 'x': value at index 1 is not a valid FP32")]
    [InlineData("x:UINT8:1:256", "--input 'x': value at index 0 is not a valid UINT8")]
    [InlineData("x:BOOL:1:yes", "--input 'x': value at index 0 is not a valid BOOL")]
    public void MalformedInputIsAPreciseUsageError(string input, string message) =>
        Assert.Equal($"error: infer: {message} {Usage}", ClusterCtl.UsageError("infer", "m", "--input", input));

    [Fact]
    public void DataJsonThatIsNotJsonIsAUsageError()
    {
        var path = WriteFile("{\"inputs\": [");
        Assert.StartsWith($"error: infer: --data-json '{path}': body is not valid JSON (line 1, byte", ClusterCtl.UsageError("infer", "m", "--data-json", path));
    }

    [Fact]
    public void DataJsonWithTooFewValuesIsAUsageError()
    {
        var path = WriteFile("""{"inputs": [{"name": "x", "datatype": "FP32", "shape": [2, 2], "data": [[1, 2], [3]]}]}""");
        Assert.Equal($"error: infer: --data-json '{path}': input 'x': shape [2,2] needs 4 values; got 3 {Usage}", ClusterCtl.UsageError("infer", "m", "--data-json", path));
    }

    [Fact]
    public void MissingDataJsonFileIsAUsageError()
    {
        var path = Path.Combine(_directory, "missing.json");
        Assert.StartsWith($"error: infer: --data-json cannot read '{path}': ", ClusterCtl.UsageError("infer", "m", "--data-json", path));
    }

    [Fact]
    public void EmptyValuesMeanAnEmptyTensor()
    {
        var request = ClusterCtl.Request<ModelInferRequest>("infer", "m", "--input", "x:FP32:0,4:");
        Assert.Equal(ByteString.Empty, request.RawInputContents[0]);
    }

    [Fact]
    public void EmptyShapeMeansAScalar()
    {
        var request = ClusterCtl.Request<ModelInferRequest>("infer", "m", "--input", "x:INT16::-2");
        Assert.Empty(request.Inputs[0].Shape);
        Assert.Equal(new byte[] { 0xFE, 0xFF }, request.RawInputContents[0].ToByteArray());
    }
}
