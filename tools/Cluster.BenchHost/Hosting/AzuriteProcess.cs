using System.Diagnostics;
using System.Net.Sockets;

namespace Cluster.BenchHost.Hosting;

/// <summary>
/// Azurite's table service (the official Azure Storage emulator, installed from npm by
/// tools/scripts/install-azurite.sh) on a free loopback port, with its data in a scratch folder.
/// Stopped with SIGINT, on which it saves and closes; killed only if it hangs.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;

    private AzuriteProcess(Process process, int port)
    {
        _process = process;
        TablePort = port;
    }

    public int TablePort { get; }

    /// <summary>The emulator's process id (its CPU time is reported apart from the cluster's).</summary>
    public int ProcessId => _process.Id;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    public static async Task<AzuriteProcess> StartAsync(string root, string location, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(await BinFolderAsync(root, cancellationToken), "azurite-table");
        if (!File.Exists(executable)) throw new BenchSetupException($"'{executable}' does not exist; run tools/scripts/install-azurite.sh or set AZURITE_BIN.");
        Directory.CreateDirectory(location);
        var port = FreePorts.Take(1)[0];
        // BENCH_AZURITE_IN_MEMORY=1 keeps Azurite's tables in memory only, to separate the emulator's
        // own persistence cost (it rewrites its whole database file on each autosave) from the product's.
        string[] persistence = Environment.GetEnvironmentVariable("BENCH_AZURITE_IN_MEMORY") == "1" ? ["--inMemoryPersistence"] : ["--location", location];
        // BENCH_AZURITE_DEBUG=FILE writes Azurite's request log there, to count what each run asks of storage.
        string[] logging = Environment.GetEnvironmentVariable("BENCH_AZURITE_DEBUG") is { Length: > 0 } debug ? ["--debug", debug] : ["--silent"];
        var start = new ProcessStartInfo(executable, [
            "--tableHost", "127.0.0.1", "--tablePort", port.ToString(), .. persistence,
            "--skipApiVersionCheck", "--disableProductStyleUrl", "--disableTelemetry", .. logging])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new BenchSetupException($"could not start '{executable}'.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteProcess(process, port);
        try
        {
            await azurite.WaitUntilListeningAsync(cancellationToken);
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary>AZURITE_BIN when set; else the folder tools/scripts/install-azurite.sh prints (installing Azurite when missing).</summary>
    private static async Task<string> BinFolderAsync(string root, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("AZURITE_BIN") is { Length: > 0 } bin) return bin;
        var script = new ProcessStartInfo("bash", [Path.Combine(root, RepositoryRoot.AzuriteInstaller)])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(script) ?? throw new BenchSetupException("could not run bash for install-azurite.sh.");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var folder = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return process.ExitCode == 0 && folder is not null
            ? folder
            : throw new BenchSetupException($"{RepositoryRoot.AzuriteInstaller} failed with exit code {process.ExitCode}.");
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new BenchSetupException($"azurite-table exited with code {_process.ExitCode} at start.");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", TablePort, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
        throw new BenchSetupException($"azurite-table did not listen on port {TablePort} within {StartTimeout.TotalSeconds:0} s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var signal = Process.Start("kill", ["-INT", _process.Id.ToString()])) await signal.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
    }
}
