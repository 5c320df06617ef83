using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Devices;

public sealed partial class DeviceDiscovery
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Devices configured (Silo:Devices): {Devices}")]
    private static partial void LogConfigured(ILogger logger, string devices);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Devices discovered: {Devices}")]
    private static partial void LogDiscovered(ILogger logger, string devices);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "{Program} is not available; announcing cpu only")]
    private static partial void LogNvidiaSmiMissing(ILogger logger, string program);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "{Program} failed ({Reason}); announcing cpu only")]
    private static partial void LogNvidiaSmiFailed(ILogger logger, string program, string reason);
}
