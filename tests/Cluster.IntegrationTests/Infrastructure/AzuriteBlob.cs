using System.Diagnostics;
using System.Net.Sockets;

namespace Cluster.IntegrationTests.Infrastructure;

/// <summary>
/// A real Azurite blob service (<c>azurite-blob</c>, installed with azurite-table by
/// tools/scripts/install-azurite.sh) on a free loopback port, its data in <c>location</c>.
/// </summary>
public sealed class AzuriteBlob : IAsyncDisposable
{
    private readonly Process _process;

    private AzuriteBlob(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Azurite.AccountName};AccountKey={Azurite.AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/{Azurite.AccountName};";

    public static async Task<AzuriteBlob> StartAsync(string location)
    {
        Directory.CreateDirectory(location);
        var port = FreePorts.Take(1)[0];
        var start = new ProcessStartInfo(Azurite.Executable("azurite-blob"), [
            "--blobHost", "127.0.0.1", "--blobPort", port.ToString(), "--location", location,
            "--skipApiVersionCheck", "--disableProductStyleUrl", "--disableTelemetry", "--silent"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start azurite-blob.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var blob = new AzuriteBlob(process, port);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"azurite-blob exited with code {process.ExitCode} at start.");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return blob;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        await blob.DisposeAsync();
        throw new TimeoutException("azurite-blob did not listen within 30 s.");
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
