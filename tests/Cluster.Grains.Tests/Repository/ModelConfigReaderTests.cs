using Cluster.Grains.Repository;
using Cluster.Grains.Tests.Fixtures;

namespace Cluster.Grains.Tests.Repository;

public sealed class ModelConfigReaderTests
{
    [Fact]
    public void ReadParsesTheShippedModelConfig()
    {
        var config = ModelConfigReader.Read(Path.Combine(RepoPaths.Models, "breast-cancer-risk"));

        Assert.Equal("breast-cancer-risk", config.Name);
        Assert.Equal(64, config.MaxBatchSize);
        var input = Assert.Single(config.Input);
        Assert.Equal(("features", "TYPE_FP32"), (input.Name, input.DataType));
        Assert.Equal([30L], input.Dims);
        Assert.Equal(["malignancy_probability", "malignant"], config.Output.Select(o => o.Name));
        Assert.Equal(1, config.VersionPolicy?.Latest?.NumVersions);
        Assert.Equal(100, config.DynamicBatching?.MaxQueueDelayMicroseconds);
    }

    [Fact]
    public void ReadAcceptsAMinimalConfigWithDefaults()
    {
        var config = ConfigFolder.Read("{}");

        Assert.Null(config.Name);
        Assert.Equal(0, config.MaxBatchSize);
        Assert.Empty(config.Input);
        Assert.Empty(config.InstanceGroup);
        Assert.Null(config.VersionPolicy);
    }

    [Fact]
    public void ReadAcceptsTheFolderNameAndEveryServedSetting()
    {
        var config = ConfigFolder.Read("""
            {
              "name": "m", "platform": "onnxruntime_onnx", "backend": "onnxruntime", "max_batch_size": 8,
              "input": [ { "name": "x", "data_type": "TYPE_STRING", "dims": [-1], "optional": false } ],
              "output": [ { "name": "y", "data_type": "TYPE_BOOL", "dims": [] } ],
              "version_policy": { "specific": { "versions": [1, 3] } },
              "instance_group": [ { "name": "g", "kind": "KIND_GPU", "count": 2, "gpus": [1] } ],
              "dynamic_batching": { "preferred_batch_size": [4, 8], "max_queue_delay_microseconds": 0, "default_queue_policy": { "max_queue_size": 0 } },
              "default_model_filename": "model.onnx",
              "parameters": { "key": { "string_value": "value" } }
            }
            """);

        Assert.Equal([1L, 3L], config.VersionPolicy?.Specific?.Versions);
        Assert.Equal(2, config.InstanceGroup[0].Count);
        Assert.Equal([4, 8], config.DynamicBatching?.PreferredBatchSize);
        Assert.Equal("value", config.Parameters["key"].StringValue);
    }

    [Fact]
    public void ModelNamePatternAcceptsTritonStyleNamesOnly()
    {
        Assert.Matches(ModelConfigReader.ModelNamePattern(), "identity-fp32");
        Assert.Matches(ModelConfigReader.ModelNamePattern(), "a.b_c-1");
        Assert.DoesNotMatch(ModelConfigReader.ModelNamePattern(), "-lead");
        Assert.DoesNotMatch(ModelConfigReader.ModelNamePattern(), "has space");
        Assert.DoesNotMatch(ModelConfigReader.ModelNamePattern(), new string('a', 129));
    }
}
