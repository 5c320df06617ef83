using Cluster.Gateway.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Cluster.Gateway.Security;

/// <summary>
/// Turns a failed authorization into the cluster's own answers: no credential is the scheme's
/// challenge (UNAUTHENTICATED); a credential of the wrong role is PERMISSION_DENIED with the
/// reason of the role it lacked (an operator key on the data plane, a tenant key on operator data).
/// </summary>
public sealed class RefusingAuthorizationResultHandler(IInferenceAuditor auditor, TimeProvider time) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden) return _default.HandleAsync(next, context, policy, authorizeResult);
        var lacked = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<CallerRoleRequirement>().FirstOrDefault()?.Role;
        var refusal = lacked == ApiKeyDefaults.TenantRole ? SecurityErrors.OperatorOnInferencePlane() : SecurityErrors.RequiresOperator();
        return RefusalWriter.RefuseAsync(context, refusal, auditor, time, Callers.Get(context).KeyId);
    }
}
