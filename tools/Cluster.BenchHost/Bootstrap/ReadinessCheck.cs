using Cluster.BenchHost.Hosting;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Inference;

namespace Cluster.BenchHost.Bootstrap;

/// <summary>
/// Waits until the model answers ModelReady for the tenant key on a gateway: on the governed one
/// that proves the bootstrap (entitlement, lifecycle, approval) has reached its caches.
/// </summary>
public static class ReadinessCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task WaitAsync(GatewayHost gateway, string model, string tenantKey, CancellationToken cancellationToken)
    {
        var client = new GRPCInferenceService.GRPCInferenceServiceClient(
            gateway.Channel.Intercept(m => { m.Add("authorization", $"Bearer {tenantKey}"); return m; }));
        var deadline = DateTime.UtcNow + Timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var reply = await client.ModelReadyAsync(new ModelReadyRequest { Name = model }, cancellationToken: cancellationToken);
                if (reply.Ready) return;
                last = "not ready";
            }
            catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled)
            {
                last = $"{ex.StatusCode}: {ex.Status.Detail}";
            }
            await Task.Delay(250, cancellationToken);
        }
        throw new BenchSetupException($"model '{model}' was not ready for tenant '{BenchTenant.Id}' on the {gateway.Name} gateway within {Timeout.TotalSeconds:0} s ({last}).");
    }
}
