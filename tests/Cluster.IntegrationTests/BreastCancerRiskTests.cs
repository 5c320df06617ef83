using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cluster.IntegrationTests.Infrastructure;

namespace Cluster.IntegrationTests;

/// <summary>The shipped clinical model through the whole path, compared with ONNX Runtime called directly.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BreastCancerRiskTests(ClusterFixture cluster)
{
    /// <summary>Same model, same CPU kernels: results agree to float rounding.</summary>
    private const float Tolerance = 1e-6f;

    [Fact]
    public async Task EveryRowMatchesOnnxRuntimeCalledDirectly()
    {
        var rows = BreastCancerData.Rows;
        Assert.Equal(569, rows.Length);
        foreach (var chunk in rows.Chunk(64))
        {
            var response = await cluster.Client.ModelInferAsync(Requests.BreastCancer(chunk));
            var expected = OrtReference.Run(cluster.ModelPath("breast-cancer-risk"),
                new OrtReference.Tensor("features", "FP32", [chunk.Length, 30], chunk.SelectMany(r => r).SelectMany(BitConverter.GetBytes).ToArray()));

            var probIndex = response.Outputs.ToList().FindIndex(o => o.Name == "malignancy_probability");
            Assert.Equal([chunk.Length, 1L], response.Outputs[probIndex].Shape);
            var actual = Floats(response.RawOutputContents[probIndex].ToByteArray());
            var reference = Floats(expected["malignancy_probability"].Raw);
            Assert.Equal(reference.Length, actual.Length);
            for (var i = 0; i < actual.Length; i++) Assert.InRange(actual[i], reference[i] - Tolerance, reference[i] + Tolerance);

            var labelIndex = response.Outputs.ToList().FindIndex(o => o.Name == "malignant");
            Assert.Equal(expected["malignant"].Raw, response.RawOutputContents[labelIndex].ToByteArray());
        }
    }

    [Fact]
    public async Task ModelSeparatesMalignantFromBenignRows()
    {
        // Row 0 of the data set is malignant (label 0), row 19 benign (label 1).
        var response = await cluster.Client.ModelInferAsync(Requests.BreastCancer([BreastCancerData.Rows[0], BreastCancerData.Rows[19]]));
        var prob = Floats(response.RawOutputContents[response.Outputs.ToList().FindIndex(o => o.Name == "malignancy_probability")].ToByteArray());
        Assert.True(prob[0] > 0.9f, $"malignant row scored {prob[0]}");
        Assert.True(prob[1] < 0.1f, $"benign row scored {prob[1]}");
    }

    [Fact]
    public async Task RestInferenceMatchesGrpc()
    {
        var row = BreastCancerData.Rows[3];
        var body = new JsonObject
        {
            ["id"] = "rest-1",
            ["inputs"] = new JsonArray(new JsonObject
            {
                ["name"] = "features",
                ["shape"] = new JsonArray(1, 30),
                ["datatype"] = "FP32",
                ["data"] = new JsonArray(row.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()),
            }),
            ["outputs"] = new JsonArray(new JsonObject { ["name"] = "malignancy_probability" }),
        };
        using var http = await cluster.Http.PostAsJsonAsync("/v2/models/breast-cancer-risk/infer", body);
        http.EnsureSuccessStatusCode();
        var json = JsonNode.Parse(await http.Content.ReadAsStringAsync())!;
        Assert.Equal("rest-1", (string?)json["id"]);
        var output = Assert.Single(json["outputs"]!.AsArray())!;
        Assert.Equal("malignancy_probability", (string?)output["name"]);
        var restValue = (float)output["data"]![0]!;

        var grpc = await cluster.Client.ModelInferAsync(Requests.BreastCancer([row]));
        var grpcValue = Floats(grpc.RawOutputContents[grpc.Outputs.ToList().FindIndex(o => o.Name == "malignancy_probability")].ToByteArray())[0];
        Assert.Equal(grpcValue, restValue);
    }

    private static float[] Floats(byte[] raw) => Enumerable.Range(0, raw.Length / 4).Select(i => BitConverter.ToSingle(raw, i * 4)).ToArray();
}
