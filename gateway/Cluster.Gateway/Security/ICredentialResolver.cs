namespace Cluster.Gateway.Security;

/// <summary>Turns a request's <c>authorization</c> header into a caller, or null when it names none.</summary>
public interface ICredentialResolver
{
    ValueTask<CallerIdentity?> ResolveAsync(string? authorization);
}
