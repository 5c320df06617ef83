using Cluster.Gateway.Audit;
using Cluster.Grains.Audit;
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
        if (RefusalWriter.IsInference(context.Request))
        {
            var caller = Callers.Get(context);
            var (model, version) = RefusalWriter.RouteModel(context.Request);
            auditor.Record(new AuditRecord
            {
                Time = time.GetUtcNow(),
                KeyId = caller.KeyId,
                Model = Cluster.Grains.Inference.ClientText.Cap(model),
                Version = Cluster.Grains.Inference.ClientText.Cap(version),
                Decision = AuditRecord.Denied,
                Reason = refusal.Reason,
                StatusCode = (int)refusal.Code,
            });
        }
        return RefusalWriter.WriteAsync(context, refusal);
    }
}
