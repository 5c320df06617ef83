using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Devices;

public sealed partial class DeviceAllocator
{
    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "Shard {Shard} holds a slot on {Device}")]
    private static partial void LogAllocated(ILogger logger, string shard, string device);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Debug, Message = "Shard {Shard} gave back its slot on {Device}")]
    private static partial void LogReleased(ILogger logger, string shard, string device);
}
