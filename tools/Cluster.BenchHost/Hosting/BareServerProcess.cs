using System.Diagnostics;

namespace Cluster.BenchHost.Hosting;

/// <summary>
/// The bare gRPC + ONNX Runtime server (<c>tools/Cluster.BareServer</c>) as its own process, as a
/// user would run it, on a free loopback port, serving one model of the bench repository.
/// </summary>
public sealed class BareServerProcess : IAsyncDisposable
{
    public const string ListeningPrefix = "bare server listening on ";
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private BareServerProcess(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>The bare server's process id (for the perf analyzer's <c>--cpu-pid</c>).</summary>
    public int ProcessId => _process.Id;

    public static async Task<BareServerProcess> StartAsync(string program, string repository, string model, string version, CancellationToken cancellationToken)
    {
        if (!File.Exists(program)) throw new BenchSetupException($"'{program}' does not exist; build tools/Cluster.BareServer (the bench host's build does).");
        var start = DotnetHost.StartInfo(program, ["--repository", repository, "--model", model, "--version", version, "--port", "0"]);
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new BenchSetupException($"could not start the bare server '{program}'.");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith(ListeningPrefix, StringComparison.Ordinal)) listening.TrySetResult(new Uri(line[ListeningPrefix.Length..]));
        };
        process.Exited += (_, _) => listening.TrySetException(new BenchSetupException($"the bare server exited with code {process.ExitCode} before listening."));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        try
        {
            var endpoint = await listening.Task.WaitAsync(StartTimeout, cancellationToken);
            return new BareServerProcess(process, endpoint);
        }
        catch
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
