using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Cluster.IntegrationTests.Infrastructure;
using Google.Protobuf;
using Inference;

namespace Cluster.IntegrationTests;

/// <summary>Every datatype through the whole path (gRPC raw, gRPC typed, REST JSON), against ONNX Runtime directly.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DatatypeTests(ClusterFixture cluster)
{
    public static TheoryData<string> AllDatatypes => new(["BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP16", "FP32", "FP64", "BF16", "BYTES"]);

    public static TheoryData<string> TypedDatatypes => new(["BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP32", "FP64", "BYTES"]);

    [Theory]
    [MemberData(nameof(AllDatatypes))]
    public async Task RawInputsRoundTripEveryDatatype(string datatype)
    {
        var sample = new SampleTensors(datatype, rows: 3);
        var request = new ModelInferRequest { ModelName = Model(datatype), Id = "raw-" + datatype };
        request.Inputs.Add(Requests.Input("INPUT0", datatype, sample.Shape));
        request.RawInputContents.Add(ByteString.CopyFrom(sample.Raw()));

        var response = await cluster.Client.ModelInferAsync(request);

        Assert.Equal("raw-" + datatype, response.Id);
        AssertMatchesReference(datatype, sample, response);
    }

    [Theory]
    [MemberData(nameof(TypedDatatypes))]
    public async Task TypedContentsRoundTripEveryDatatypeThatHasAField(string datatype)
    {
        var sample = new SampleTensors(datatype, rows: 2, seed: 11);
        var request = new ModelInferRequest { ModelName = Model(datatype) };
        request.Inputs.Add(Requests.Input("INPUT0", datatype, sample.Shape, sample.Typed()));

        var response = await cluster.Client.ModelInferAsync(request);

        AssertMatchesReference(datatype, sample, response);
    }

    [Theory]
    [MemberData(nameof(AllDatatypes))]
    public async Task RestJsonRoundTripsEveryDatatype(string datatype)
    {
        var sample = new SampleTensors(datatype, rows: 2, seed: 5);
        var body = new JsonObject
        {
            ["inputs"] = new JsonArray(new JsonObject
            {
                ["name"] = "INPUT0",
                ["shape"] = new JsonArray(sample.Shape.Select(d => (JsonNode)JsonValue.Create(d)!).ToArray()),
                ["datatype"] = datatype,
                ["data"] = sample.Json(),
            }),
        };
        using var http = await cluster.Http.PostAsJsonAsync($"/v2/models/{Model(datatype)}/infer", body);
        var text = await http.Content.ReadAsStringAsync();
        Assert.True(http.IsSuccessStatusCode, text);
        var output = Assert.Single(JsonNode.Parse(text)!["outputs"]!.AsArray())!;
        Assert.Equal(datatype, (string?)output["datatype"]);
        Assert.Equal(sample.Shape, output["shape"]!.AsArray().Select(d => (long)d!).ToArray());
        Assert.Equal(sample.Json().ToJsonString(), output["data"]!.ToJsonString());
    }

    private void AssertMatchesReference(string datatype, SampleTensors sample, ModelInferResponse response)
    {
        var expected = OrtReference.Run(cluster.ModelPath(Model(datatype)), sample.Reference("INPUT0"))["OUTPUT0"];
        var output = Assert.Single(response.Outputs);
        Assert.Equal(("OUTPUT0", datatype), (output.Name, output.Datatype));
        Assert.Equal(expected.Shape, output.Shape.ToArray());
        Assert.Empty(response.Outputs[0].Contents?.BoolContents ?? []);
        var raw = Assert.Single(response.RawOutputContents).ToByteArray();
        if (datatype == "BYTES") Assert.Equal(expected.Strings, ParseStrings(raw));
        else Assert.Equal(expected.Raw, raw);
    }

    private static string Model(string datatype) => "identity-" + datatype.ToLowerInvariant();

    private static string[] ParseStrings(byte[] raw)
    {
        var list = new List<string>();
        for (var offset = 0; offset < raw.Length;)
        {
            var length = BitConverter.ToInt32(raw, offset);
            list.Add(Encoding.UTF8.GetString(raw, offset + 4, length));
            offset += 4 + length;
        }
        return [.. list];
    }
}
