using Cluster.Grains.Devices.Telemetry;

namespace Cluster.Grains.Tests.Telemetry;

/// <summary>A GPU source that answers what the test set last (null: not available) and counts the reads.</summary>
internal sealed class FakeGpuSource : IGpuTelemetrySource
{
    private volatile IReadOnlyList<GpuSample>? _answer = [];
    private int _reads;

    public int Reads => Volatile.Read(ref _reads);

    public void Answer(params GpuSample[] gpus) => _answer = gpus;

    public void Unavailable() => _answer = null;

    public Task<IReadOnlyList<GpuSample>?> ReadAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return Task.FromResult(_answer);
    }
}
