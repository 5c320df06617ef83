using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Devices.Telemetry;

public sealed partial class DeviceMetricsService
{
    [LoggerMessage(EventId = 1033, Level = LogLevel.Information, Message = "GPU metrics (nv_gpu_*) read every {Interval}")]
    private static partial void LogGpuMetricsOn(ILogger logger, TimeSpan interval);

    [LoggerMessage(EventId = 1034, Level = LogLevel.Information, Message = "No GPU metrics (Silo:GpuMetrics {Mode}, no CUDA device on this silo or Off)")]
    private static partial void LogGpuMetricsOff(ILogger logger, string mode);

    [LoggerMessage(EventId = 1035, Level = LogLevel.Warning, Message = "Reading the device metrics failed; trying again every interval")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
