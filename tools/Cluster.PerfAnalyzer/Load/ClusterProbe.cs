using Cluster.PerfAnalyzer.Latency;
using Grpc.Core;
using Inference;

namespace Cluster.PerfAnalyzer.Load;

/// <summary>Asks the gateway, before any load, whether the model is ready; the answer is advice, the load runs anyway.</summary>
public static class ClusterProbe
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    /// <summary>Null when the model is ready; otherwise what went wrong, in one line.</summary>
    public static async Task<string?> CheckAsync(GRPCInferenceService.GRPCInferenceServiceClient client, string model, string? version, Metadata headers)
    {
        try
        {
            var reply = await client.ModelReadyAsync(
                new ModelReadyRequest { Name = model, Version = version ?? "" },
                new CallOptions(headers, DateTime.UtcNow + Deadline)).ConfigureAwait(false);
            return reply.Ready ? null : $"ModelReady says '{model}' is not ready.";
        }
        catch (RpcException ex)
        {
            return $"ModelReady for '{model}' failed: {StatusNames.Of(ex.StatusCode)} ({ex.Status.Detail}).";
        }
    }
}
