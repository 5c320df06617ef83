using Cluster.Grains.Devices;
using Cluster.Grains.Governance;
using Cluster.Grains.Onnx;
using Cluster.Grains.Placement;
using Cluster.Grains.Storage;
using Cluster.Grains.Repository;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Hosting;

/// <summary>Registers what the grain implementations need on a silo.</summary>
public static class GrainServiceCollectionExtensions
{
    public static IServiceCollection AddClusterGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModelRepository(configuration);
        services.AddOptions<OnnxRuntimeOptions>().Bind(configuration.GetSection(OnnxRuntimeOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OnnxRuntimeOptions>, OnnxRuntimeOptionsValidator>();
        services.AddSingleton<OnnxSessionFactory>();
        services.AddSingleton<Inference.ModelRunnerFactory>();
        services.AddOptions<DeviceOptions>().Bind(configuration.GetSection(DeviceOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeviceOptions>, DeviceOptionsValidator>();
        services.AddSingleton<DeviceDiscovery>();
        services.AddSingleton<DeviceAllocator>();
        services.AddSingleton<DeviceDirectoryCache>();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<GovernanceAuditStore>();
        services.AddSingleton<TableProvider>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
