using Cluster.PerfAnalyzer.Inputs;
using Cluster.PerfAnalyzer.Repository;
using Microsoft.ML.OnnxRuntime;

namespace Cluster.PerfAnalyzer.Load;

/// <summary>
/// Opens the baseline's ONNX Runtime session on the CPU, or on a CUDA device with
/// <c>--baseline-device cuda:N</c>: sequential execution, full graph
/// optimisation, and idle worker threads that sleep instead of spinning (so N callers on few cores
/// measure the model, not the spin loops).
/// </summary>
public static class BaselineSessionFactory
{
    public static InferenceSession Open(ModelArtifact model, ModelInputs inputs, int intraOpThreads, string device = "cpu")
    {
        using var options = new SessionOptions
        {
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        if (device.StartsWith("cuda:", StringComparison.Ordinal))
        {
            try
            {
                options.AppendExecutionProvider_CUDA(int.Parse(device.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
            {
                throw new PerfSetupException($"the baseline asked for {device} but ONNX Runtime's CUDA execution provider did not load: {ex.Message.Split('\n')[0]}");
            }
        }

        InferenceSession session;
        try
        {
            session = new InferenceSession(model.OnnxPath, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new PerfSetupException($"ONNX Runtime could not load '{model.OnnxPath}': {ex.Message}");
        }

        var missing = inputs.Specs.Select(s => s.Name).Where(name => !session.InputMetadata.ContainsKey(name)).ToList();
        if (missing.Count == 0) return session;
        session.Dispose();
        throw new PerfSetupException($"config.json inputs {string.Join(", ", missing)} are not inputs of '{model.OnnxPath}'.");
    }
}
