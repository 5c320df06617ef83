using Cluster.Grains.Devices;
using Cluster.Grains.Devices.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Tests.Telemetry;

/// <summary>The real source against stand-in <c>nvidia-smi</c> programs (shell scripts) and a missing one.</summary>
public sealed class NvidiaSmiTelemetrySourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fake-nvidia-smi-").FullName;
    private readonly CountingLogger _log = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private NvidiaSmiTelemetrySource Source(string program) =>
        new(Options.Create(new DeviceOptions { NvidiaSmi = program }), TimeProvider.System, _log);

    private string Script(string body)
    {
        var path = Path.Combine(_folder, $"nvidia-smi-{Guid.NewGuid():N}");
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [Fact]
    public async Task TheProgramIsAskedForTheGpuQueryWithoutUnitsAndItsAnswerParsed()
    {
        var args = Path.Combine(_folder, "args");
        var source = Source(Script(
            $"printf '%s\\n' \"$@\" > '{args}'\n" +
            "echo '0, GPU-11111111-2222-3333-4444-555555555555, 12, 1024, 81559, 70.5, 700.00'\n" +
            "echo '1, GPU-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee, [N/A], 0, 81559, [N/A], [N/A]'"));

        var samples = await source.ReadAsync(CancellationToken.None);

        Assert.Equal(["cuda:0", "cuda:1"], samples!.Select(s => s.Device));
        Assert.Equal(
            ["--query-gpu=index,uuid,utilization.gpu,memory.used,memory.total,power.draw,power.limit", "--format=csv,noheader,nounits"],
            File.ReadAllLines(args));
    }

    [Fact]
    public async Task AMissingProgramIsLoggedOnceAndNeverAskedAgain()
    {
        var source = Source(Path.Combine(_folder, "no-such-nvidia-smi"));

        Assert.Null(await source.ReadAsync(CancellationToken.None));
        Assert.Null(await source.ReadAsync(CancellationToken.None));
        Assert.Null(await source.ReadAsync(CancellationToken.None));

        Assert.Equal(1, _log.Count);
    }

    [Fact]
    public async Task AFailingProgramAnswersNoGpusAndIsLoggedWhenItFailsAndWhenItRecovers()
    {
        var flag = Path.Combine(_folder, "ok");
        var source = Source(Script(
            $"if [ -f '{flag}' ]; then echo '0, GPU-11111111-2222-3333-4444-555555555555, 1, 2, 3, 4, 5'; exit 0; fi\n" +
            "echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.'; exit 9"));

        Assert.Empty((await source.ReadAsync(CancellationToken.None))!);
        Assert.Empty((await source.ReadAsync(CancellationToken.None))!);
        Assert.Equal(1, _log.Count);
        Assert.Contains("exit code 9: NVIDIA-SMI has failed", _log.Last, StringComparison.Ordinal);

        File.WriteAllText(flag, "");
        Assert.Single((await source.ReadAsync(CancellationToken.None))!);
        Assert.Single((await source.ReadAsync(CancellationToken.None))!);
        Assert.Equal(2, _log.Count);
    }

    private sealed class CountingLogger : ILogger<NvidiaSmiTelemetrySource>
    {
        public int Count { get; private set; }

        public string Last { get; private set; } = "";

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Count++;
            Last = formatter(state, exception);
        }
    }
}
