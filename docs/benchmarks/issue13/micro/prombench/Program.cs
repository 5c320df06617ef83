using System.Collections.Concurrent;
using System.Diagnostics;
using Prometheus;
var reg = Metrics.NewCustomRegistry(); var f = Metrics.WithCustomRegistry(reg);
string[] L = ["model", "version"];
var counters = Enumerable.Range(0, 9).Select(i => f.CreateCounter($"c{i}", "h", L)).ToArray();
var hist = f.CreateHistogram("h", "h", new HistogramConfiguration { LabelNames = L, Buckets = Histogram.ExponentialBuckets(0.0001, 2, 18) });
var models = Enumerable.Range(0, 50).Select(i => $"breast-cancer-risk-copy-{i:00}").ToArray();
var cache = new ConcurrentDictionary<(string, string), (Counter.Child[], Histogram.Child)>();
void Labels(string m) { foreach (var c in counters) c.WithLabels(m, "1").Inc(); hist.WithLabels(m, "1").Observe(0.001); }
void Cached(string m)
{
    var s = cache.TryGetValue((m, "1"), out var x) ? x : cache.GetOrAdd((m, "1"), k => (counters.Select(c => c.WithLabels(k.Item1, k.Item2)).ToArray(), hist.WithLabels(k.Item1, k.Item2)));
    foreach (var c in s.Item1) c.Inc(); s.Item2.Observe(0.001);
}
double Run(Action<string> a, int modelsUsed, int n)
{
    var sw = Stopwatch.StartNew(); var before = GC.GetAllocatedBytesForCurrentThread();
    for (var i = 0; i < n; i++) a(models[i % modelsUsed]);
    return sw.Elapsed.TotalNanoseconds / n;
}
foreach (var used in new[] { 1, 50 }) { Run(Labels, used, 200000); Run(Cached, used, 200000); }
for (var r = 0; r < 5; r++)
    foreach (var used in new[] { 1, 50 })
    {
        var before = GC.GetAllocatedBytesForCurrentThread(); var a = Run(Labels, used, 500000); var aa = (GC.GetAllocatedBytesForCurrentThread() - before) / 500000.0;
        before = GC.GetAllocatedBytesForCurrentThread(); var b = Run(Cached, used, 500000); var bb = (GC.GetAllocatedBytesForCurrentThread() - before) / 500000.0;
        Console.WriteLine($"round {r} models {used}: per-metric lookups {a:0} ns ({aa:0} B), one cached lookup {b:0} ns ({bb:0} B)");
    }
