using System.Text.Json;
using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;
using Cluster.Grains.Tests.Fixtures;

namespace Cluster.Grains.Tests.Repository;

public sealed class DynamicBatchingSettingsTests
{
    private static DynamicBatchingSettings Settings(string json)
    {
        var config = ConfigFolder.Read(json);
        return config.DynamicBatching!.ToSettings(config.Parameters);
    }

    private static string Refusal(string json) => Assert.Throws<ModelLoadException>(() => Settings(json)).Message;

    [Fact]
    public void TritonsBatchingFieldsAreRead()
    {
        var settings = Settings("""
            { "max_batch_size": 16,
              "dynamic_batching": { "preferred_batch_size": [8, 4, 8], "max_queue_delay_microseconds": 250,
                                    "priority_levels": 3, "default_priority_level": 2,
                                    "default_queue_policy": { "max_queue_size": 64, "default_timeout_microseconds": 5000 } } }
            """);

        Assert.Equal([4, 8], settings.PreferredBatchSizes);
        Assert.Equal((250L, 64), (settings.MaxQueueDelayMicroseconds, settings.MaxQueueSize));
        Assert.Equal((3, 2, 5000L), (settings.PriorityLevels, settings.DefaultPriorityLevel, settings.DefaultTimeoutMicroseconds));
        Assert.True(settings.PadVariableDimensions);
    }

    [Fact]
    public void PaddingCanBeTurnedOffByModelParameter()
    {
        var settings = Settings("""
            { "max_batch_size": 4, "dynamic_batching": {}, "parameters": { "batch_padding": { "string_value": "false" } } }
            """);

        Assert.False(settings.PadVariableDimensions);
        Assert.Equal(0, settings.PriorityLevels);
    }

    [Theory]
    [InlineData("""{ "max_batch_size": 4, "dynamic_batching": { "priority_levels": 2, "default_priority_level": 3 } }""", "dynamic_batching default_priority_level must lie between 1 and priority_levels 2.")]
    [InlineData("""{ "max_batch_size": 4, "dynamic_batching": { "priority_levels": 2 } }""", "dynamic_batching default_priority_level must lie between 1 and priority_levels 2.")]
    [InlineData("""{ "max_batch_size": 4, "dynamic_batching": { "default_priority_level": 1 } }""", "dynamic_batching default_priority_level needs priority_levels.")]
    [InlineData("""{ "max_batch_size": 4, "dynamic_batching": { "priority_levels": -1 } }""", "dynamic_batching priority_levels must be between 0 and 2147483647.")]
    [InlineData("""{ "max_batch_size": 4, "dynamic_batching": { "default_queue_policy": { "default_timeout_microseconds": -5 } } }""", "dynamic_batching default_timeout_microseconds must be 0 (none) or more.")]
    [InlineData("""{ "max_batch_size": 4, "dynamic_batching": {}, "parameters": { "batch_padding": { "string_value": "no" } } }""", "parameter batch_padding must be \"true\" or \"false\".")]
    public void OutOfRangeSettingsAreRefusedNamingTheField(string json, string reason) => Assert.Equal(reason, Refusal(json));

    [Fact]
    public void FieldsThatAreNotGivenAreNotWrittenBackIntoTheServedConfig()
    {
        var config = ConfigFolder.Read("""{ "max_batch_size": 4, "dynamic_batching": { "max_queue_delay_microseconds": 100 } }""");

        var json = JsonSerializer.Serialize(config.DynamicBatching, ModelConfigReader.JsonOptions);

        Assert.DoesNotContain("priority", json);
        Assert.DoesNotContain("timeout", json);
    }
}
