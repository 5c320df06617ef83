using Cluster.Grains.Repository;
using Cluster.Grains.Repository.Blob;
using Cluster.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Hosting;

/// <summary>Registers the model repository: its options, its source (folder or Azure Blob), the scanner and the warm-up at silo start.</summary>
public static class ModelRepositoryServiceCollectionExtensions
{
    public static IServiceCollection AddModelRepository(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModelRepositoryOptions>()
            .Bind(configuration.GetSection(ModelRepositoryOptions.SectionName))
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.Blob.ConnectionString))
                    o.Blob.ConnectionString = configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.ConnectionString)}"] ?? "";
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ModelRepositoryOptions>, ModelRepositoryOptionsValidator>();
        services.AddSingleton<IModelRepositorySource>(sp =>
            sp.GetRequiredService<IOptions<ModelRepositoryOptions>>().Value.Source == ModelRepositorySource.AzureBlob
                ? ActivatorUtilities.CreateInstance<BlobRepositorySync>(sp)
                : new FolderRepositorySource());
        services.AddSingleton<ModelVersionLoader>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ModelRepositoryScanner>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, RepositoryWarmup>();
        return services;
    }
}
