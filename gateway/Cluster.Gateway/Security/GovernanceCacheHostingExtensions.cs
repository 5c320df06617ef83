namespace Cluster.Gateway.Security;

/// <summary>Registers the gateway's key and tenant caches, the credential resolver over them, and the change-feed poller that keeps them current.</summary>
public static class GovernanceCacheHostingExtensions
{
    public static IServiceCollection AddGovernanceCaches(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<TenantAccessCache>();
        services.AddSingleton<ICredentialResolver, CredentialResolver>();
        services.AddHostedService<GovernanceFeedPoller>();
        return services;
    }
}
