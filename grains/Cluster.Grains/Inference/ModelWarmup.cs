using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;
using Microsoft.ML.OnnxRuntime;

namespace Cluster.Grains.Inference;

/// <summary>
/// Runs a version's <c>model_warmup</c> samples on a freshly loaded runner, before the shard
/// serves: the lazy costs of a first Run (CUDA kernels and cuDNN algorithm search, memory arenas,
/// JIT of the serving path) are paid here instead of by the first callers. A sample that fails
/// makes the shard unavailable with the sample named (its inputs are generated, never a client's).
/// </summary>
internal static class ModelWarmup
{
    /// <summary>Runs every sample its count of times; returns the runs made and the time taken on <paramref name="time"/>.</summary>
    public static (int Runs, TimeSpan Elapsed) Run(IModelRunner runner, IReadOnlyList<WarmupSample> samples, TimeProvider time)
    {
        var start = time.GetTimestamp();
        var runs = 0;
        foreach (var sample in samples)
        {
            var request = new InferenceRequest(runner.Model.Name, runner.Model.Version, WarmupTensors.For(sample), []);
            try
            {
                RequestValidator.Validate(runner.Model, request);
                for (var i = 0; i < sample.Count; i++)
                {
                    runner.Run(request).Buffers?.Release();
                    runs++;
                }
            }
            catch (Exception ex) when (ex is InferenceException or OnnxRuntimeException)
            {
                throw new ModelLoadException($"warm-up sample '{sample.Name}' failed: {ex.Message.Split('\n')[0]}");
            }
        }
        return (runs, time.GetElapsedTime(start));
    }
}
