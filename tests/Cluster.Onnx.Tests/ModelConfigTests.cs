using System.Text.Json.Nodes;
using Microsoft.ML.OnnxRuntime;

namespace Cluster.Onnx.Tests;

public sealed class ModelConfigTests(TestModelRepository repository) : IClassFixture<TestModelRepository>
{
    [Fact]
    public void SimpleConfigFollowsTritonFormat()
    {
        var expected = JsonNode.Parse("""
            {
              "name": "simple",
              "platform": "onnxruntime_onnx",
              "max_batch_size": 8,
              "input": [
                { "name": "INPUT0", "data_type": "TYPE_INT32", "dims": [16] },
                { "name": "INPUT1", "data_type": "TYPE_INT32", "dims": [16] }
              ],
              "output": [
                { "name": "OUTPUT0", "data_type": "TYPE_INT32", "dims": [16] },
                { "name": "OUTPUT1", "data_type": "TYPE_INT32", "dims": [16] }
              ],
              "version_policy": { "latest": { "num_versions": 1 } },
              "instance_group": [ { "kind": "KIND_CPU", "count": 1 } ],
              "dynamic_batching": { "max_queue_delay_microseconds": 100 }
            }
            """);

        var actual = JsonNode.Parse(File.ReadAllText(repository.ConfigPath(TestModels.Simple)));

        Assert.True(JsonNode.DeepEquals(expected, actual), actual!.ToJsonString());
    }

    [Fact]
    public void EveryConfigMatchesItsOnnxModelWithoutTheBatchDimension()
    {
        foreach (var name in TestModels.Names)
        {
            var config = JsonNode.Parse(File.ReadAllText(repository.ConfigPath(name)))!;
            using var session = new InferenceSession(repository.ModelPath(name));
            Assert.Equal(name, (string?)config["name"]);
            Assert.True((int)config["max_batch_size"]! > 0);
            AssertMatches(config["input"]!.AsArray(), session.InputMetadata);
            AssertMatches(config["output"]!.AsArray(), session.OutputMetadata);
        }
    }

    [Fact]
    public void IdentityModelsCoverEveryDatatype()
    {
        Assert.Equal(
            ["identity-bool", "identity-uint8", "identity-uint16", "identity-uint32", "identity-uint64", "identity-int8", "identity-int16",
             "identity-int32", "identity-int64", "identity-fp16", "identity-fp32", "identity-fp64", "identity-bf16", "identity-bytes"],
            TestModels.Names.Where(name => name.StartsWith("identity-", StringComparison.Ordinal)));
        Assert.Equal("TYPE_STRING", (string?)JsonNode.Parse(File.ReadAllText(repository.ConfigPath("identity-bytes")))!["input"]![0]!["data_type"]);
    }

    private static void AssertMatches(JsonArray tensors, IReadOnlyDictionary<string, NodeMetadata> metadata)
    {
        Assert.Equal(metadata.Keys, tensors.Select(tensor => (string)tensor!["name"]!));
        foreach (var tensor in tensors)
        {
            var dims = metadata[(string)tensor!["name"]!].Dimensions;
            Assert.Equal(-1, dims[0]);
            Assert.Equal(dims.Skip(1).Select(d => (long)d), tensor["dims"]!.AsArray().Select(d => (long)d!));
        }
    }
}
