using Microsoft.Extensions.Logging;

namespace Cluster.Silo.Placement;

internal sealed partial class DevicePlacementDirector
{
    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Placed shard {Shard} on silo {Silo} for device {Device}")]
    private static partial void LogPlaced(ILogger logger, string shard, SiloAddress silo, string device);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "No silo can take shard {Shard}: it needs {Need}; {Reason}")]
    private static partial void LogNoDevice(ILogger logger, string shard, string need, string reason);
}
