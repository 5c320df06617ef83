using Grpc.Core;

namespace Cluster.Gateway.Security;

/// <summary>Where the authenticated caller of a request is kept (HttpContext items), for gRPC and REST alike.</summary>
public static class Callers
{
    private const string Key = "cluster.caller";

    public static void Set(HttpContext http, CallerIdentity caller) => http.Items[Key] = caller;

    public static CallerIdentity Get(HttpContext http) =>
        http.Items.TryGetValue(Key, out var caller) && caller is CallerIdentity identity
            ? identity
            : throw new InvalidOperationException("no authenticated caller on this request; the authentication step did not run.");

    public static CallerIdentity Get(ServerCallContext context) => Get(context.GetHttpContext());
}
