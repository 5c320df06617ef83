using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;
using Cluster.Grains.Tests.Fixtures;

namespace Cluster.Grains.Tests.Repository;

public sealed class ModelConfigReaderRefusalTests
{
    [Fact]
    public void ReadRefusesAMissingConfig()
    {
        using var repository = new TempRepository();
        repository.CreateFolder("m");

        var error = Assert.Throws<ModelLoadException>(() => ModelConfigReader.Read(repository.ModelFolder("m")));

        Assert.Equal("config.json is missing.", error.Message);
    }

    [Fact]
    public void ReadRefusesAnUnknownFieldAndNamesIt()
    {
        var reason = ConfigFolder.Refusal("""{ "name": "m", "max_batch": 4 }""");

        Assert.StartsWith("config.json is not valid: ", reason, StringComparison.Ordinal);
        Assert.Contains("'max_batch'", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRefusesAnUnknownFieldInsideAnInput()
    {
        var reason = ConfigFolder.Refusal("""{ "input": [ { "name": "x", "data_type": "TYPE_FP32", "dim": [4] } ] }""");

        Assert.StartsWith("config.json is not valid: ", reason, StringComparison.Ordinal);
        Assert.Contains("'dim'", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"name\": \"m\", ")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{ \"max_batch_size\": \"four\" }")]
    public void ReadRefusesInvalidJson(string json) =>
        Assert.StartsWith("config.json is not valid: ", ConfigFolder.Refusal(json), StringComparison.Ordinal);

    [Fact]
    public void ReadRefusesAJsonNull() => Assert.Equal("config.json is empty.", ConfigFolder.Refusal("null"));

    [Fact]
    public void ReadAcceptsCommentsAndTrailingCommas() =>
        Assert.Equal(4, ConfigFolder.Read("{ // batches\n \"max_batch_size\": 4, }").MaxBatchSize);

    [Theory]
    [InlineData("""{ "name": "other" }""", "config.json names the model 'other' but its folder is 'm'.")]
    [InlineData("""{ "platform": "tensorflow_graphdef" }""", "platform 'tensorflow_graphdef' is not served; only onnxruntime_onnx and pipeline are.")]
    [InlineData("""{ "backend": "pytorch" }""", "backend 'pytorch' is not served; only onnxruntime is.")]
    [InlineData("""{ "max_batch_size": -1 }""", "max_batch_size is -1; it must be 0 (no batching) or more.")]
    public void ReadRefusesModelLevelSettings(string json, string reason) => Assert.Equal(reason, ConfigFolder.Refusal(json));

    [Theory]
    [InlineData("""{ "input": [ { "name": "x", "data_type": "TYPE_FP32", "dims": [4] }, { "name": "x", "data_type": "TYPE_FP32", "dims": [4] } ] }""", "input 'x' is listed twice.")]
    [InlineData("""{ "output": [ { "name": "y", "data_type": "TYPE_FP32" }, { "name": "y", "data_type": "TYPE_INT32" } ] }""", "output 'y' is listed twice.")]
    [InlineData("""{ "input": [ { "name": "x", "data_type": "TYPE_FLOAT", "dims": [4] } ] }""", "input 'x' has data_type 'TYPE_FLOAT', which is not served.")]
    [InlineData("""{ "input": [ { "name": "x", "data_type": "TYPE_BYTES", "dims": [4] } ] }""", "input 'x' has data_type 'TYPE_BYTES', which is not served.")]
    [InlineData("""{ "output": [ { "name": "y", "data_type": "FP32", "dims": [4] } ] }""", "output 'y' has data_type 'FP32', which is not served.")]
    [InlineData("""{ "input": [ { "name": "x", "dims": [4] } ] }""", "input 'x' has data_type '', which is not served.")]
    [InlineData("""{ "input": [ { "name": "x", "data_type": "TYPE_FP32", "dims": [4, -2] } ] }""", "input 'x' has a dimension below -1.")]
    [InlineData("""{ "output": [ { "name": "y", "data_type": "TYPE_FP32", "dims": [-5] } ] }""", "output 'y' has a dimension below -1.")]
    [InlineData("""{ "input": [ { "data_type": "TYPE_FP32", "dims": [4] } ] }""", "an input has no name.")]
    public void ReadRefusesBadTensors(string json, string reason) => Assert.Equal(reason, ConfigFolder.Refusal(json));

    [Theory]
    [InlineData("""{ "instance_group": [ { "kind": "KIND_CPU" }, { "kind": "KIND_GPU" } ] }""", "instance_group has more than one group; one group per model is served.")]
    [InlineData("""{ "instance_group": [ { "kind": "KIND_TPU" } ] }""", "instance_group kind 'KIND_TPU' is not one of KIND_AUTO, KIND_CPU, KIND_GPU.")]
    [InlineData("""{ "instance_group": [ { "kind": "KIND_MODEL" } ] }""", "instance_group kind 'KIND_MODEL' is not one of KIND_AUTO, KIND_CPU, KIND_GPU.")]
    [InlineData("""{ "instance_group": [ { "count": 0 } ] }""", "instance_group count is 0; it must be at least 1.")]
    [InlineData("""{ "instance_group": [ { "kind": "KIND_GPU", "gpus": [0, 1] } ] }""", "instance_group gpus lists more than one device; name one.")]
    [InlineData("""{ "instance_group": [ { "kind": "KIND_GPU", "gpus": [-1] } ] }""", "instance_group gpus holds a negative device id.")]
    public void ReadRefusesBadInstanceGroups(string json, string reason) => Assert.Equal(reason, ConfigFolder.Refusal(json));

    [Theory]
    [InlineData("""{ "version_policy": { "latest": { "num_versions": 1 }, "all": {} } }""", "version_policy must hold exactly one of latest, all, specific.")]
    [InlineData("""{ "version_policy": { "all": {}, "specific": { "versions": [1] } } }""", "version_policy must hold exactly one of latest, all, specific.")]
    [InlineData("""{ "version_policy": {} }""", "version_policy must hold exactly one of latest, all, specific.")]
    [InlineData("""{ "version_policy": { "latest": { "num_versions": 0 } } }""", "version_policy latest num_versions must be at least 1.")]
    public void ReadRefusesBadVersionPolicies(string json, string reason) => Assert.Equal(reason, ConfigFolder.Refusal(json));

    [Theory]
    [InlineData("""{ "max_batch_size": 4, "dynamic_batching": { "preferred_batch_size": [2, 8] } }""", "dynamic_batching preferred_batch_size must lie between 1 and max_batch_size 4.")]
    [InlineData("""{ "max_batch_size": 4, "dynamic_batching": { "preferred_batch_size": [0] } }""", "dynamic_batching preferred_batch_size must lie between 1 and max_batch_size 4.")]
    [InlineData("""{ "dynamic_batching": { "max_queue_delay_microseconds": -1 } }""", "dynamic_batching max_queue_delay_microseconds must be 0 or more.")]
    [InlineData("""{ "dynamic_batching": { "default_queue_policy": { "max_queue_size": -3 } } }""", "dynamic_batching max_queue_size must be 0 (unbounded) or more.")]
    public void ReadRefusesBadDynamicBatching(string json, string reason) => Assert.Equal(reason, ConfigFolder.Refusal(json));
}
