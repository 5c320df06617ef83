namespace Cluster.Client.Tests.Infrastructure;

/// <summary>What one clusterctl run printed and returned.</summary>
public sealed record class CtlRun(int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => Stdout.TrimEnd('\n').Split('\n');
}
