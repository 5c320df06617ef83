using Cluster.Grains.Devices;
using Cluster.Grains.Devices.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Cluster.Grains.Hosting;

/// <summary>The silo's device metrics: GPUs (<c>nv_gpu_*</c>) and shards per device, on the default Prometheus registry (docs/observability.md).</summary>
public static class DeviceMetricsServiceCollectionExtensions
{
    public static IServiceCollection AddDeviceMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GpuMetricsOptions>().Bind(configuration.GetSection(GpuMetricsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GpuMetricsOptions>, GpuMetricsOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IGpuTelemetrySource, NvidiaSmiTelemetrySource>();
        services.AddHostedService(sp => new DeviceMetricsService(
            sp.GetRequiredService<DeviceAllocator>(),
            sp.GetRequiredService<IGpuTelemetrySource>(),
            Metrics.DefaultRegistry,
            sp.GetRequiredService<IOptions<GpuMetricsOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DeviceMetricsService>>()));
        return services;
    }
}
