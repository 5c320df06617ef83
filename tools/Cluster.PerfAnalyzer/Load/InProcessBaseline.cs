using System.Diagnostics;
using Cluster.PerfAnalyzer.Inputs;
using Cluster.PerfAnalyzer.Latency;
using Cluster.PerfAnalyzer.Options;
using Cluster.PerfAnalyzer.Repository;
using Microsoft.ML.OnnxRuntime;

namespace Cluster.PerfAnalyzer.Load;

/// <summary>
/// The reference point: the same model.onnx run by ONNX Runtime in this process, N callers on
/// dedicated threads calling <c>session.Run</c> in a closed loop over the same inputs and windows
/// as the cluster. Each caller keeps its RunOptions and input OrtValues (over arrays the inputs
/// keep referenced) alive for its whole loop.
/// </summary>
public sealed class InProcessBaseline : IDisposable
{
    public const string Target = "baseline";

    /// <summary>Name of this process's CPU seconds in a baseline result's <see cref="LoadResult.CpuSeconds"/>.</summary>
    public const string CpuName = "in-process";

    private readonly InferenceSession _session;
    private readonly bool _ownsSession;
    private readonly ModelInputs _inputs;
    private readonly PerfOptions _options;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    private InProcessBaseline(InferenceSession session, bool ownsSession, ModelInputs inputs, PerfOptions options)
    {
        _session = session;
        _ownsSession = ownsSession;
        _inputs = inputs;
        _options = options;
        _inputNames = [.. inputs.Specs.Select(s => s.Name)];
        _outputNames = [.. session.OutputNames];
    }

    /// <summary>Opens the session and runs the first sample once, so a model that cannot run fails here, not in the loop.</summary>
    public static InProcessBaseline Create(ModelArtifact model, ModelInputs inputs, PerfOptions options)
    {
        var baseline = new InProcessBaseline(BaselineSessionFactory.Open(model, inputs, options.BaselineIntraOpThreads, options.BaselineDevice), ownsSession: true, inputs, options);
        return baseline.CheckRuns(model);
    }

    /// <summary>The same session over other inputs (another batch size); checked like <see cref="Create"/>. Disposing it leaves the session open.</summary>
    public InProcessBaseline WithInputs(ModelArtifact model, ModelInputs inputs) =>
        new InProcessBaseline(_session, ownsSession: false, inputs, _options).CheckRuns(model);

    /// <summary>Rows per Run.</summary>
    public int RowsPerRequest => _inputs.RowsPerRequest;

    private InProcessBaseline CheckRuns(ModelArtifact model)
    {
        var baseline = this;
        var values = baseline.CreateValues(0, 1)[0];
        try
        {
            using var runOptions = new RunOptions();
            using var outputs = baseline._session.Run(runOptions, baseline._inputNames, values, baseline._outputNames);
            return baseline;
        }
        catch (OnnxRuntimeException ex)
        {
            baseline.Dispose();
            throw new PerfSetupException($"ONNX Runtime could not run '{model.Name}' on the inputs config.json describes: {ex.Message}");
        }
        finally
        {
            Array.ForEach(values, v => v.Dispose());
        }
    }

    public LoadResult Run(int concurrency)
    {
        var capacity = LatencyRecorder.CapacityFor(_options.Measure, concurrency);
        var recorders = Enumerable.Range(0, concurrency).Select(_ => new LatencyRecorder(capacity)).ToArray();
        var window = MeasurementWindow.StartingNow(_options.Warmup, _options.Measure);
        var cpuSeconds = RunWindowMeasuringCpu(window, recorders);
        return LoadResult.From(Target, concurrency, window, _inputs.RowsPerRequest, recorders) with { CpuSeconds = CpuOf(cpuSeconds) };
    }

    /// <summary>
    /// <see cref="RunWindow"/>, returning the CPU seconds this process spent in its measured part
    /// (the whole window's CPU scaled to the measured share of its wall time; no gRPC load runs
    /// while the baseline does, so this process's CPU is ONNX Runtime's and its callers').
    /// </summary>
    public double RunWindowMeasuringCpu(MeasurementWindow window, IReadOnlyList<LatencyRecorder> recorders)
    {
        var before = ProcessCpu.Seconds(Environment.ProcessId);
        var started = Stopwatch.GetTimestamp();
        RunWindow(window, recorders);
        var after = ProcessCpu.Seconds(Environment.ProcessId);
        var counted = window.Seconds / Stopwatch.GetElapsedTime(started).TotalSeconds;
        return (after - before) * Math.Min(1, counted);
    }

    /// <summary>A baseline result's CPU entry, or null where /proc could not be read.</summary>
    public static IReadOnlyDictionary<string, double>? CpuOf(double seconds) =>
        double.IsFinite(seconds) ? new Dictionary<string, double>(StringComparer.Ordinal) { [CpuName] = seconds } : null;

    /// <summary>One window of <c>recorders.Length</c> threads, thread <i>i</i> recording into <c>recorders[i]</c>.</summary>
    public void RunWindow(MeasurementWindow window, IReadOnlyList<LatencyRecorder> recorders)
    {
        var threads = new Thread[recorders.Count];
        for (var i = 0; i < threads.Length; i++)
        {
            var index = i;
            threads[i] = new Thread(() => RunCaller(index, window, recorders[index])) { IsBackground = true, Name = $"baseline-{index}" };
            threads[i].Start();
        }

        foreach (var thread in threads) thread.Join();
    }

    private void RunCaller(int index, MeasurementWindow window, LatencyRecorder recorder)
    {
        var values = CreateValues(0, _inputs.Samples.Count);
        using var runOptions = new RunOptions();
        try
        {
            var next = index % values.Length;
            while (true)
            {
                var start = Stopwatch.GetTimestamp();
                if (window.IsOver(start)) return;
                var inputs = values[next];
                next = next + 1 == values.Length ? 0 : next + 1;
                try
                {
                    using var outputs = _session.Run(runOptions, _inputNames, inputs, _outputNames);
                }
                catch (OnnxRuntimeException)
                {
                    var failedAt = Stopwatch.GetTimestamp();
                    if (window.Counts(failedAt)) recorder.RecordFailure("ORT_FAILURE");
                    continue;
                }

                var end = Stopwatch.GetTimestamp();
                if (window.Counts(end)) recorder.Record(end - start);
            }
        }
        finally
        {
            foreach (var sample in values) Array.ForEach(sample, v => v.Dispose());
        }
    }

    private OrtValue[][] CreateValues(int first, int count) =>
        [.. _inputs.Samples.Skip(first).Take(count).Select(sample =>
            _inputs.Specs.Select((spec, k) => sample.Tensors[k].CreateOrtValue(spec.Shape)).ToArray())];

    public void Dispose()
    {
        if (_ownsSession) _session.Dispose();
    }
}
