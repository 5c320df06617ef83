using Cluster.Admin.V1;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Cluster.BenchHost.Bootstrap;

/// <summary>The admin API's clients the bootstrap needs, all sending one key.</summary>
public sealed record class AdminClients(
    TenantService.TenantServiceClient Tenants,
    KeyService.KeyServiceClient Keys,
    PolicyService.PolicyServiceClient Policies,
    ModelService.ModelServiceClient Models)
{
    public static AdminClients For(GrpcChannel channel, string key)
    {
        var invoker = channel.Intercept(m => { m.Add("authorization", $"Bearer {key}"); return m; });
        return new AdminClients(new(invoker), new(invoker), new(invoker), new(invoker));
    }
}
