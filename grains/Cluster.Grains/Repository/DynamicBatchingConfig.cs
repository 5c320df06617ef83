using System.Text.Json.Serialization;
using Cluster.Grains.Onnx;

namespace Cluster.Grains.Repository;

/// <summary>Triton's dynamic batching block of config.json.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class DynamicBatchingConfig
{
    /// <summary>The model parameter that turns padding of variable dimensions off (<c>"false"</c>).</summary>
    public const string PaddingParameter = "batch_padding";

    public List<int> PreferredBatchSize { get; set; } = [];
    public long MaxQueueDelayMicroseconds { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? PriorityLevels { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? DefaultPriorityLevel { get; set; }

    public QueuePolicyConfig? DefaultQueuePolicy { get; set; }

    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed class QueuePolicyConfig
    {
        public int MaxQueueSize { get; set; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public long? DefaultTimeoutMicroseconds { get; set; }
    }

    /// <summary>The settings the batcher reads; throws <see cref="ModelLoadException"/> naming the field that is out of range.</summary>
    public DynamicBatchingSettings ToSettings(IReadOnlyDictionary<string, ModelParameterConfig> parameters)
    {
        var levels = PriorityLevels ?? 0;
        var defaultLevel = DefaultPriorityLevel ?? 0;
        if (levels is < 0 or > int.MaxValue)
            throw new ModelLoadException($"dynamic_batching priority_levels must be between 0 and {int.MaxValue}.");
        if (levels == 0 && defaultLevel != 0)
            throw new ModelLoadException("dynamic_batching default_priority_level needs priority_levels.");
        if (levels > 0 && (defaultLevel < 1 || defaultLevel > levels))
            throw new ModelLoadException($"dynamic_batching default_priority_level must lie between 1 and priority_levels {levels}.");
        var timeout = DefaultQueuePolicy?.DefaultTimeoutMicroseconds ?? 0;
        if (timeout < 0)
            throw new ModelLoadException("dynamic_batching default_timeout_microseconds must be 0 (none) or more.");
        var padding = true;
        if (parameters.TryGetValue(PaddingParameter, out var p))
        {
            padding = p.StringValue switch
            {
                "true" => true,
                "false" => false,
                _ => throw new ModelLoadException($"parameter {PaddingParameter} must be \"true\" or \"false\"."),
            };
        }
        return new DynamicBatchingSettings([.. PreferredBatchSize.Distinct().Order()], MaxQueueDelayMicroseconds, DefaultQueuePolicy?.MaxQueueSize ?? 0)
        {
            PriorityLevels = (int)levels,
            DefaultPriorityLevel = (int)defaultLevel,
            DefaultTimeoutMicroseconds = timeout,
            PadVariableDimensions = padding,
        };
    }
}
