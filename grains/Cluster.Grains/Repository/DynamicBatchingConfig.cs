using System.Text.Json.Serialization;

namespace Cluster.Grains.Repository;

/// <summary>Triton's dynamic batching block of config.json.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class DynamicBatchingConfig
{
    public List<int> PreferredBatchSize { get; set; } = [];
    public long MaxQueueDelayMicroseconds { get; set; }
    public QueuePolicyConfig? DefaultQueuePolicy { get; set; }

    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed class QueuePolicyConfig
    {
        public int MaxQueueSize { get; set; }
    }
}
