using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>The machine the tool ran on (the client side; the cluster may run elsewhere).</summary>
public sealed record MachineInfo(int ProcessorCount, string Os, string Architecture, string DotNet, string OnnxRuntime)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.OSArchitecture.ToString(),
        RuntimeInformation.FrameworkDescription,
        OrtEnv.Instance().GetVersionString());
}
