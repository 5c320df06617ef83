using System.Diagnostics;
using System.Net.Sockets;

namespace Cluster.IntegrationTests.Infrastructure;

/// <summary>
/// A real Azurite table service (the official Azure Storage emulator, installed from npm by
/// tools/scripts/install-azurite.sh) on a free loopback port, persisting to a folder so a restart
/// of the cluster (or of Azurite itself) loses nothing.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _process;

    private Azurite(string location, int port)
    {
        Location = location;
        TablePort = port;
    }

    public string Location { get; }
    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    public static async Task<Azurite> StartAsync(string location)
    {
        var azurite = new Azurite(location, FreePorts.Take(1)[0]);
        await azurite.StartProcessAsync();
        return azurite;
    }

    /// <summary>Stops and starts the emulator on the same port and data folder.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartProcessAsync();
    }

    private async Task StartProcessAsync()
    {
        Directory.CreateDirectory(Location);
        var start = new ProcessStartInfo(Executable("azurite-table"), [
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(), "--location", Location,
            "--skipApiVersionCheck", "--disableProductStyleUrl", "--disableTelemetry", "--silent"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start azurite-table.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"azurite-table exited with code {_process.ExitCode} at start.");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", TablePort);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("azurite-table did not listen within 30 s.");
    }

    /// <summary>
    /// Stops Azurite the way an operator would: SIGINT, on which it saves its data and closes
    /// (SIGKILL would lose the changes since its last autosave). Killed only if it hangs.
    /// </summary>
    private async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            using (var signal = Process.Start("kill", ["-INT", _process.Id.ToString()])) await signal!.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
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
        _process = null;
    }

    /// <summary>AZURITE_BIN (a folder holding azurite-table), else .local/tools/node_modules/.bin above the test output.</summary>
    internal static string Executable(string tool)
    {
        var folder = Environment.GetEnvironmentVariable("AZURITE_BIN");
        if (string.IsNullOrEmpty(folder))
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, ".local", "tools", "node_modules", ".bin");
                if (File.Exists(Path.Combine(candidate, "azurite-table"))) { folder = candidate; break; }
            }
        }
        var path = folder is null ? null : Path.Combine(folder, tool);
        return path is not null && File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{tool} not found: run tools/scripts/install-azurite.sh (./test.sh does) or set AZURITE_BIN.");
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
