using System.Diagnostics;
using Cluster.Grains.Inference;
using Cluster.Grains.Repository;
using Microsoft.ML.OnnxRuntime;

namespace Cluster.Grains.Onnx;

/// <summary>
/// Runs requests for one model version on one loaded session. Thread-safe: ONNX Runtime allows
/// concurrent Run calls on a session; each call owns its values and all share the run options. Its compute
/// timings stay on <see cref="Stopwatch"/>: they measure ONNX Runtime's real work and no decision
/// reads them (queueing and deadlines run on the batcher's injected clock).
/// </summary>
public sealed class OnnxModelRunner(ModelVersionDescriptor model, LoadedSession loaded) : IModelRunner
{
    private readonly string[] _allOutputs = model.Outputs.Select(o => o.Name).ToArray();

    /// <summary>
    /// One RunOptions for every run: ONNX Runtime reads it (const) during Run and nothing here sets
    /// a run's own options (tag, terminate), so concurrent runs share it. A native create and free
    /// per run cost about a microsecond, paid per request where each request is its own batch.
    /// It lives as long as the runner, so it outlives every Run it is passed to.
    /// </summary>
    private readonly RunOptions _runOptions = new();

    public ModelVersionDescriptor Model { get; } = model;
    public string Device => loaded.Device;

    /// <summary>Runs one request; blocking, so call it off the Orleans scheduler.</summary>
    public RunResult Run(InferenceRequest request)
    {
        var start = Stopwatch.GetTimestamp();
        using var inputs = TensorMarshaller.CreateInputs(request.Inputs);
        var outputNames = request.RequestedOutputs.Length > 0 ? request.RequestedOutputs : _allOutputs;
        var prepared = Stopwatch.GetTimestamp();
        using var results = loaded.Session.Run(_runOptions, inputs.Names, inputs.Values, outputNames);
        var ran = Stopwatch.GetTimestamp();
        var outputs = new InferenceTensor[outputNames.Length];
        var buffers = new PooledOutputs();
        var i = 0;
        foreach (var value in results)
        {
            outputs[i] = TensorMarshaller.ToTensor(outputNames[i], value, buffers);
            i++;
        }
        var done = Stopwatch.GetTimestamp();
        return new RunResult(outputs, new InferenceTimings(
            QueueNs: 0,
            ComputeInputNs: Nanoseconds(start, prepared),
            ComputeInferNs: Nanoseconds(prepared, ran),
            ComputeOutputNs: Nanoseconds(ran, done)))
        { Buffers = buffers };
    }

    public void Dispose()
    {
        loaded.Dispose();
        _runOptions.Dispose();
    }

    internal static long Nanoseconds(long from, long to) => (long)((to - from) * (1_000_000_000.0 / Stopwatch.Frequency));
}
