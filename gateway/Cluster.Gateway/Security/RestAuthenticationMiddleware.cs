using Cluster.Gateway.Audit;
using Cluster.Gateway.Rest;
using Cluster.Gateway.Serving;

namespace Cluster.Gateway.Security;

/// <summary>The same choke point for the REST protocol: <c>/v2/models/...</c> and <c>/v2/repository/...</c> need a key.</summary>
public sealed class RestAuthenticationMiddleware(RequestDelegate next, ICredentialResolver resolver, IInferenceAuditor auditor, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true
            || !(path.StartsWithSegments("/v2/models") || path.StartsWithSegments("/v2/repository")))
        {
            await next(context);
            return;
        }
        CallerIdentity? caller;
        try
        {
            caller = await resolver.ResolveAsync(context.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            await RestErrors.Error(StatusCodes.Status503ServiceUnavailable, "the cluster could not check the credential right now; retry.").ExecuteAsync(context);
            return;
        }
        if (caller is null)
        {
            if (HttpMethods.IsPost(context.Request.Method) && path.Value!.EndsWith("/infer", StringComparison.Ordinal))
            {
                auditor.Record(new Cluster.Grains.Audit.AuditRecord
                {
                    Time = time.GetUtcNow(),
                    Model = context.Request.RouteValues.TryGetValue("name", out var model) ? model?.ToString() ?? "" : path.Value.Split('/').ElementAtOrDefault(3) ?? "",
                    Decision = Cluster.Grains.Audit.AuditRecord.Denied,
                    Reason = SecurityErrors.InvalidCredential,
                    StatusCode = (int)ServingCode.Unauthenticated,
                });
            }
            await RestErrors.From(SecurityErrors.Unauthenticated()).ExecuteAsync(context);
            return;
        }
        Callers.Set(context, caller);
        await next(context);
    }
}
