using System.Security.Claims;
using System.Text.Encodings.Web;
using Cluster.Gateway.Audit;
using Cluster.Gateway.Serving;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Security;

/// <summary>
/// The one authentication path for gRPC and REST: an ASP.NET Core authentication handler for
/// <c>authorization: Bearer &lt;key&gt;</c>. It runs in the middleware pipeline, before any
/// endpoint reads the request body, so an unauthenticated request costs a header lookup (and, for a
/// well-formed unknown key id, one cached lookup, bounded per source by
/// <see cref="FailedAuthenticationLimiter"/>). The caller it establishes is kept for the call
/// (<see cref="Callers"/>); a refused inference is audited in the anonymous chain.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ICredentialResolver resolver, FailedAuthenticationLimiter limiter, IInferenceAuditor auditor, TimeProvider time)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    private const string RefusalItem = "cluster.auth.refusal";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0) return AuthenticateResult.NoResult();
        var source = Context.Connection.RemoteIpAddress;
        if (!limiter.Allows(source, out var retryAfter))
            return Refuse(SecurityErrors.TooManyFailedAuthentications(retryAfter));
        CallerIdentity? caller;
        try
        {
            caller = await resolver.ResolveAsync(header);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            return Refuse(SecurityErrors.CredentialCheckUnavailable());
        }
        if (caller is null)
        {
            limiter.Failed(source);
            return AuthenticateResult.Fail("invalid credential");
        }
        Callers.Set(Context, caller);
        Claim[] claims = caller.IsOperator
            ? [new(ApiKeyDefaults.RoleClaim, ApiKeyDefaults.OperatorRole), new(ApiKeyDefaults.KeyClaim, caller.KeyId)]
            : [new(ApiKeyDefaults.RoleClaim, ApiKeyDefaults.TenantRole), new(ApiKeyDefaults.TenantClaim, caller.TenantId!), new(ApiKeyDefaults.KeyClaim, caller.KeyId)];
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyDefaults.Scheme, ApiKeyDefaults.KeyClaim, ApiKeyDefaults.RoleClaim));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, ApiKeyDefaults.Scheme));
    }

    private AuthenticateResult Refuse(ServingException refusal)
    {
        Context.Items[RefusalItem] = refusal;
        return AuthenticateResult.Fail(refusal.Reason);
    }

    /// <summary>No valid credential: UNAUTHENTICATED (one message for every kind of bad key), or the refusal authentication itself decided.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var refusal = Context.Items[RefusalItem] as ServingException ?? SecurityErrors.Unauthenticated();
        return RefusalWriter.RefuseAsync(Context, refusal, auditor, time);
    }
}
