using Cluster.Gateway.DataPlane;
using Cluster.Grains.Inference;

namespace Cluster.Gateway.Rest;

/// <summary>Triton's REST statistics JSON for one model version.</summary>
public static class RestStatistics
{
    public static object From(ModelVersionStatistics s)
    {
        var t = s.Totals;
        return new
        {
            name = s.Name,
            version = s.Version,
            last_inference = t.LastInferenceUnixMs,
            inference_count = t.InferenceCount,
            execution_count = t.ExecutionCount,
            inference_stats = new
            {
                success = Duration(t.Success),
                fail = Duration(t.Fail),
                queue = Duration(t.Queue),
                compute_input = Duration(t.ComputeInput),
                compute_infer = Duration(t.ComputeInfer),
                compute_output = Duration(t.ComputeOutput),
            },
            batch_stats = t.Batches.Select(b => new
            {
                batch_size = b.BatchSize,
                compute_input = Duration(b.ComputeInput),
                compute_infer = Duration(b.ComputeInfer),
                compute_output = Duration(b.ComputeOutput),
            }),
        };
    }

    private static object Duration(StatisticDuration d) => new { count = d.Count, ns = d.Ns };
}
