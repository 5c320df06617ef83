using System.Net;
using System.Net.Sockets;

namespace Cluster.Gateway.Retries;

/// <summary>
/// Asks the operating system whether a silo's process is still there: a TCP connect to its silo
/// port (from its <c>RuntimeIdentity</c>, <c>S10.0.0.5:11111:GENERATION</c>) that is refused means
/// nothing listens there, so that process is gone and no call sent to it can be running. Any other
/// outcome (connected, timed out, unreachable) proves nothing and counts as not refused. The
/// connection is closed at once, before Orleans' handshake.
/// </summary>
public static class SiloPortProbe
{
    /// <summary>The longest one connect attempt may take.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>The silo endpoint of a <c>RuntimeIdentity</c> (<c>S127.0.0.1:11111:155606434</c>, <c>S[::1]:11111:1</c>).</summary>
    public static bool TryEndpoint(string silo, out IPEndPoint endpoint)
    {
        endpoint = null!;
        var last = silo.LastIndexOf(':');
        if (silo.Length < 2 || silo[0] != 'S' || last <= 1) return false;
        if (!IPEndPoint.TryParse(silo.AsSpan(1, last - 1), out var parsed) || parsed.Port == 0) return false;
        endpoint = parsed;
        return true;
    }

    /// <summary>True only when a connect to <paramref name="endpoint"/> is refused.</summary>
    public static async Task<bool> RefusesAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endpoint, timeout.Token);
            return false;
        }
        catch (SocketException ex)
        {
            return ex.SocketErrorCode == SocketError.ConnectionRefused;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
