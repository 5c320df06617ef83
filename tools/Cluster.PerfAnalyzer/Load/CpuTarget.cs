namespace Cluster.PerfAnalyzer.Load;

/// <summary>A process whose CPU time a comparison reports (<c>--cpu-pid NAME=PID</c>).</summary>
public sealed record CpuTarget(string Name, int Pid);
