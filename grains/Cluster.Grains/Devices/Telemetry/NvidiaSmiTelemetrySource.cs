using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Devices.Telemetry;

/// <summary>
/// Reads the GPUs from <c>nvidia-smi</c> (program <c>Silo:NvidiaSmi</c>), started without a shell and
/// given <see cref="Timeout"/> to answer. A program that cannot be started is reported once and then
/// never asked again (null); a failure or a timeout is logged when it starts and when it ends, and
/// answers no GPUs meanwhile.
/// </summary>
public sealed partial class NvidiaSmiTelemetrySource(
    IOptions<DeviceOptions> options,
    TimeProvider time,
    ILogger<NvidiaSmiTelemetrySource> logger) : IGpuTelemetrySource
{
    /// <summary>How long <c>nvidia-smi</c> may take to answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private bool _unavailable;
    private bool _failing;

    public async Task<IReadOnlyList<GpuSample>?> ReadAsync(CancellationToken cancellationToken)
    {
        var program = options.Value.NvidiaSmi;
        if (_unavailable) return null;
        if (string.IsNullOrEmpty(program))
        {
            _unavailable = true;
            LogUnavailable(logger, "(none: Silo:NvidiaSmi is empty)");
            return null;
        }
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--query-gpu=" + NvidiaSmiGpuParser.Query);
        start.ArgumentList.Add("--format=csv,noheader,nounits");
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or IOException)
        {
            process = null;
        }
        if (process is null)
        {
            _unavailable = true;
            LogUnavailable(logger, program);
            return null;
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken).WaitAsync(Timeout, time, cancellationToken);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                Kill(process);
                if (ex is OperationCanceledException) throw;
                return Failed(program, $"it did not answer within {Timeout.TotalSeconds:0} s");
            }
            if (process.ExitCode != 0)
            {
                var message = FirstLine(await errors) is { Length: > 0 } error ? error : FirstLine(await output);
                return Failed(program, $"exit code {process.ExitCode}: {message}");
            }
            var samples = NvidiaSmiGpuParser.Parse(await output);
            if (_failing)
            {
                _failing = false;
                LogRecovered(logger, program, samples.Count);
            }
            return samples;
        }
    }

    private IReadOnlyList<GpuSample> Failed(string program, string reason)
    {
        if (!_failing) LogFailed(logger, program, reason);
        _failing = true;
        return [];
    }

    private static string FirstLine(string text)
    {
        var line = text.AsSpan().Trim();
        var end = line.IndexOf('\n');
        return (end < 0 ? line : line[..end].TrimEnd()).ToString();
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
        {
            // Already gone.
        }
    }
}
