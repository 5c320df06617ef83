using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Devices.Telemetry;

public sealed partial class NvidiaSmiTelemetrySource
{
    [LoggerMessage(EventId = 1030, Level = LogLevel.Information, Message = "{Program} is not available; no GPU metrics are exported")]
    private static partial void LogUnavailable(ILogger logger, string program);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Warning, Message = "{Program} failed ({Reason}); no GPU metrics until it answers again")]
    private static partial void LogFailed(ILogger logger, string program, string reason);

    [LoggerMessage(EventId = 1032, Level = LogLevel.Information, Message = "{Program} answers again ({Count} GPU(s))")]
    private static partial void LogRecovered(ILogger logger, string program, int count);
}
