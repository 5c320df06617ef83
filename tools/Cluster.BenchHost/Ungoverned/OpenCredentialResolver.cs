using Cluster.BenchHost.Bootstrap;
using Cluster.Gateway.Security;

namespace Cluster.BenchHost.Ungoverned;

/// <summary>
/// Bench only, never in the product: every request is tenant <see cref="BenchTenant.Id"/>, whatever
/// it carries. No parsing, no hashing, no key lookup.
/// </summary>
public sealed class OpenCredentialResolver : ICredentialResolver
{
    private static readonly CallerIdentity Caller = new(BenchTenant.Id, "open");

    public ValueTask<CallerIdentity?> ResolveAsync(string? authorization) => ValueTask.FromResult<CallerIdentity?>(Caller);
}
