using Cluster.Gateway.DataPlane;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Retries;

public static class ShardRetryExtensions
{
    /// <summary>Shard calls that are sent again when their shard was lost: <c>Gateway:Retry</c> options (validated at start), the budget and the caller.</summary>
    public static IServiceCollection AddShardRetries(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShardRetryOptions>().Bind(configuration.GetSection(ShardRetryOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ShardRetryOptions>, ShardRetryOptionsValidator>();
        services.AddSingleton<RetryBudget>();
        services.AddSingleton<SiloLossWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<SiloLossWatch>());
        services.AddSingleton<ShardCaller>();
        return services;
    }
}
