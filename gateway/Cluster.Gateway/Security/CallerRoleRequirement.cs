using Microsoft.AspNetCore.Authorization;

namespace Cluster.Gateway.Security;

/// <summary>The caller's key must be of <see cref="Role"/> (<see cref="ApiKeyDefaults.TenantRole"/> or <see cref="ApiKeyDefaults.OperatorRole"/>).</summary>
public sealed class CallerRoleRequirement(string role) : AuthorizationHandler<CallerRoleRequirement>, IAuthorizationRequirement
{
    public string Role { get; } = role;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CallerRoleRequirement requirement)
    {
        if (context.User.HasClaim(ApiKeyDefaults.RoleClaim, requirement.Role)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
