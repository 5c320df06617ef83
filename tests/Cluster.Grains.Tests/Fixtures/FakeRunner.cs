using System.Collections.Concurrent;
using Cluster.Grains.Inference;
using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;

namespace Cluster.Grains.Tests.Fixtures;

/// <summary>
/// A logic-only <see cref="IModelRunner"/> for the batcher's scheduling tests (no model runs): each
/// output is the input in the same position under the output's name, every Run is recorded, and
/// runs can be held until released so that a test builds a backlog behind a running batch.
/// </summary>
public sealed class FakeRunner(ModelVersionDescriptor model) : IModelRunner
{
    private readonly ManualResetEventSlim _open = new(true);
    private readonly ConcurrentQueue<InferenceRequest> _runs = new();
    private readonly ConcurrentQueue<int> _threads = new();

    public ModelVersionDescriptor Model => model;
    public string Device => "cpu";

    /// <summary>An exception to throw for a request, or null to answer it.</summary>
    public Func<InferenceRequest, Exception?>? Fail { get; set; }

    /// <summary>Every request Run was given (batches as joined), in order.</summary>
    public IReadOnlyList<InferenceRequest> Runs => [.. _runs];

    /// <summary>The managed thread each run ran on, in order.</summary>
    public IReadOnlyList<int> RunThreads => [.. _threads];

    /// <summary>Called inside every run (a test moves its fake clock here to make runs take time).</summary>
    public Action? During { get; set; }

    /// <summary>Later runs block until <see cref="Release"/>.</summary>
    public void Hold() => _open.Reset();

    public void Release() => _open.Set();

    public async Task WaitForRunsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_runs.Count < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"expected {count} runs, saw {_runs.Count}.");
            await Task.Delay(2);
        }
    }

    public RunResult Run(InferenceRequest request)
    {
        _threads.Enqueue(Environment.CurrentManagedThreadId);
        _runs.Enqueue(request);
        During?.Invoke();
        if (!_open.Wait(TimeSpan.FromSeconds(30))) throw new TimeoutException("the test never released the runner.");
        if (Fail?.Invoke(request) is { } error) throw error;
        var outputs = new List<InferenceTensor>();
        for (var k = 0; k < model.Outputs.Length; k++)
        {
            var name = model.Outputs[k].Name;
            if (request.RequestedOutputs.Length > 0 && !request.RequestedOutputs.Contains(name)) continue;
            var input = Array.Find(request.Inputs, t => t.Name == model.Inputs[k].Name)!;
            outputs.Add(input with { Name = name });
        }
        if (request.RequestedOutputs.Length > 0)
            outputs = [.. request.RequestedOutputs.Select(n => outputs.First(o => o.Name == n))];
        return new RunResult([.. outputs], new InferenceTimings(0, 1_000, 2_000, 3_000));
    }

    public void Dispose() => _open.Dispose();
}
