using System.Diagnostics;

namespace Cluster.BenchHost.Hosting;

/// <summary>The dotnet host running this program, to start the bench host's other .NET programs with.</summary>
public static class DotnetHost
{
    /// <summary>DOTNET_HOST_PATH (set by the CLI) when it exists, else this process when it is dotnet, else <c>dotnet</c> on the PATH.</summary>
    public static string Path()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        return Environment.ProcessPath is { } path && System.IO.Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
    }

    /// <summary>
    /// How to start a built .NET program: a <c>.dll</c> through <c>dotnet exec</c>, anything else
    /// (its apphost, or a link to it under another name) directly.
    /// </summary>
    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments) =>
        program.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new ProcessStartInfo(Path(), ["exec", program, .. arguments])
            : new ProcessStartInfo(program, arguments);
}
