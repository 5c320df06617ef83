using Prometheus;

namespace Cluster.Grains.Devices.Telemetry;

/// <summary>
/// The silo's GPUs under Triton's names, labelled <c>gpu_uuid</c> and <c>device</c> (<c>cuda:N</c>):
/// <c>nv_gpu_utilization</c> (0 to 1), <c>nv_gpu_memory_total_bytes</c>, <c>nv_gpu_memory_used_bytes</c>,
/// <c>nv_gpu_power_usage</c> and <c>nv_gpu_power_limit</c> (watts), and <c>nv_energy_consumption</c>
/// (joules, a counter: power draw integrated over the time between readings). A GPU missing from a
/// reading loses its series, and so does a value the driver stops reporting.
/// </summary>
public sealed class GpuMetrics
{
    private static readonly string[] s_labels = ["gpu_uuid", "device"];

    private readonly Gauge _utilization;
    private readonly Gauge _memoryTotal;
    private readonly Gauge _memoryUsed;
    private readonly Gauge _power;
    private readonly Gauge _powerLimit;
    private readonly Counter _energy;
    private readonly HashSet<(string Uuid, string Device)> _known = [];

    public GpuMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _utilization = factory.CreateGauge("nv_gpu_utilization", "GPU utilization rate [0.0 - 1.0)", s_labels);
        _memoryTotal = factory.CreateGauge("nv_gpu_memory_total_bytes", "GPU total memory, in bytes", s_labels);
        _memoryUsed = factory.CreateGauge("nv_gpu_memory_used_bytes", "GPU used memory, in bytes", s_labels);
        _power = factory.CreateGauge("nv_gpu_power_usage", "GPU power usage in watts", s_labels);
        _powerLimit = factory.CreateGauge("nv_gpu_power_limit", "GPU power management limit in watts", s_labels);
        _energy = factory.CreateCounter("nv_energy_consumption",
            "GPU energy consumption in joules since the silo started (power draw integrated over the reading interval)", s_labels);
    }

    /// <summary>Publishes a reading taken <paramref name="sinceLastReading"/> after the previous one.</summary>
    public void Update(IReadOnlyList<GpuSample> samples, TimeSpan sinceLastReading)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var gpu in samples)
        {
            var key = (gpu.Uuid, gpu.Device);
            if (!seen.Add(key)) continue;
            string[] labels = [gpu.Uuid, gpu.Device];
            Set(_utilization, labels, gpu.Utilization);
            Set(_memoryTotal, labels, gpu.MemoryTotalBytes);
            Set(_memoryUsed, labels, gpu.MemoryUsedBytes);
            Set(_power, labels, gpu.PowerWatts);
            Set(_powerLimit, labels, gpu.PowerLimitWatts);
            // The energy of the interval is that of the power read at its end; a first reading adds
            // none, and a GPU that reports no power draw gets no energy series.
            var first = _known.Add(key);
            if (gpu.PowerWatts is { } watts) _energy.WithLabels(labels).Inc(first ? 0 : watts * sinceLastReading.TotalSeconds);
        }
        foreach (var gone in _known.Where(k => !seen.Contains(k)).ToArray())
        {
            _known.Remove(gone);
            string[] labels = [gone.Uuid, gone.Device];
            foreach (var gauge in new[] { _utilization, _memoryTotal, _memoryUsed, _power, _powerLimit }) gauge.RemoveLabelled(labels);
            _energy.RemoveLabelled(labels);
        }
    }

    /// <summary>Removes every GPU's series (the source went away).</summary>
    public void Clear() => Update([], TimeSpan.Zero);

    private static void Set(Gauge gauge, string[] labels, double? value)
    {
        if (value is { } v) gauge.WithLabels(labels).Set(v);
        else gauge.RemoveLabelled(labels);
    }
}
