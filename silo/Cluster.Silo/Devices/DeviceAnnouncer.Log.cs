using Microsoft.Extensions.Logging;

namespace Cluster.Silo.Devices;

internal sealed partial class DeviceAnnouncer
{
    [LoggerMessage(EventId = 1020, Level = LogLevel.Information, Message = "Silo {Silo} announces devices: {Devices}")]
    private static partial void LogDevices(ILogger logger, SiloAddress silo, string devices);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "Could not announce this silo's devices: {Error}")]
    private static partial void LogAnnounceFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Warning, Message = "Could not withdraw this silo's devices: {Error}")]
    private static partial void LogWithdrawFailed(ILogger logger, string error);
}
