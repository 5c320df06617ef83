using Microsoft.AspNetCore.Authorization;

namespace Cluster.Gateway.Security;

/// <summary>Registers the API-key scheme, the Tenant and Operator policies, and a fallback that requires a credential everywhere else.</summary>
public static class SecurityHostingExtensions
{
    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<FailedAuthenticationLimiter>();
        services.AddAuthentication(ApiKeyDefaults.Scheme)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, _ => { });
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyDefaults.TenantPolicy, p => p.AddAuthenticationSchemes(ApiKeyDefaults.Scheme).AddRequirements(new CallerRoleRequirement(ApiKeyDefaults.TenantRole)))
            .AddPolicy(ApiKeyDefaults.OperatorPolicy, p => p.AddAuthenticationSchemes(ApiKeyDefaults.Scheme).AddRequirements(new CallerRoleRequirement(ApiKeyDefaults.OperatorRole)))
            // Every endpoint not marked [AllowAnonymous] (liveness, readiness, server metadata, metrics) needs a valid key.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(ApiKeyDefaults.Scheme).RequireAuthenticatedUser().Build());
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, RefusingAuthorizationResultHandler>();
        return services;
    }
}
