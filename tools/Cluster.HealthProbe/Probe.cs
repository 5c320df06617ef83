using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Cluster.HealthProbe;

/// <summary>
/// One health check, named by the first argument and configured by the environment variables of
/// the host it checks, so a HEALTHCHECK line names no ports. Exit code 0: healthy; 1: unhealthy;
/// 2: usage. The one line it prints says what was checked and what answered.
/// <list type="bullet">
/// <item><c>gateway</c>: <c>GET /healthz</c> on the gateway's HTTP port (<c>Gateway__HttpPort</c>,
/// 8000) at 127.0.0.1, or at <c>Gateway__ListenAddress</c> when that names one address; over TLS
/// unless <c>Gateway__Plaintext</c> is true. The certificate is not verified: the probe talks only
/// to its own container, as a Kubernetes HTTPS probe does.</item>
/// <item><c>silo</c>: a TCP connection to the silo's Orleans gateway port (<c>Cluster__GatewayPort</c>,
/// 30000), which opens once the silo has joined its cluster (the chart's readiness probe), at
/// <c>Silo__AdvertisedAddress</c>, else at any address of the container (Orleans listens on the
/// advertised address only; a value that is no IP address is ignored, as the silo would refuse it).</item>
/// </list>
/// </summary>
public static class Probe
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(string[] args, Func<string, string?> env, TextWriter output)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        switch (args.Length == 1 ? args[0] : "")
        {
            case "gateway":
                return await GatewayAsync(env, output, timeout.Token);
            case "silo":
                return await SiloAsync(env, output, timeout.Token);
            default:
                output.WriteLine("usage: Cluster.HealthProbe gateway|silo");
                return 2;
        }
    }

    private static async Task<int> GatewayAsync(Func<string, string?> env, TextWriter output, CancellationToken cancellationToken)
    {
        var port = Port(env("Gateway__HttpPort"), 8000);
        var plaintext = bool.TryParse(env("Gateway__Plaintext"), out var p) && p;
        var address = OwnAddress(env("Gateway__ListenAddress"));
        var uri = new UriBuilder(plaintext ? "http" : "https", address.ToString(), port, "/healthz").Uri;
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        using var client = new HttpClient(handler);
        try
        {
            using var response = await client.GetAsync(uri, cancellationToken);
            output.WriteLine($"{uri}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            output.WriteLine($"{uri}: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
    }

    private static async Task<int> SiloAsync(Func<string, string?> env, TextWriter output, CancellationToken cancellationToken)
    {
        var port = Port(env("Cluster__GatewayPort"), 30000);
        var advertised = env("Silo__AdvertisedAddress");
        IPAddress[] candidates = IPAddress.TryParse(advertised, out var address) ? [address] : LocalAddresses();
        foreach (var candidate in candidates)
        {
            using var socket = new Socket(candidate.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(candidate, port, cancellationToken);
                output.WriteLine($"Orleans gateway port {candidate}:{port}: open");
                return 0;
            }
            catch (SocketException)
            {
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        output.WriteLine($"Orleans gateway port {port}: not open on {string.Join(", ", candidates)}");
        return 1;
    }

    /// <summary>The address to reach a listener bound to <paramref name="listen"/> from inside its container.</summary>
    private static IPAddress OwnAddress(string? listen)
    {
        if (string.IsNullOrWhiteSpace(listen) || !IPAddress.TryParse(listen, out var address)) return IPAddress.Loopback;
        if (address.Equals(IPAddress.Any)) return IPAddress.Loopback;
        if (address.Equals(IPAddress.IPv6Any)) return IPAddress.IPv6Loopback;
        return address;
    }

    private static IPAddress[] LocalAddresses() =>
        [IPAddress.Loopback, .. NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal)];

    private static int Port(string? text, int fallback) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536 ? port : fallback;
}
