using Cluster.Grains.Devices.Telemetry;

namespace Cluster.Grains.Tests.Telemetry;

/// <summary>
/// Output of <c>nvidia-smi --query-gpu=index,uuid,utilization.gpu,memory.used,memory.total,power.draw,power.limit
/// --format=csv,noheader,nounits</c>, in the shapes the driver prints it (no GPU was lent to record it here).
/// </summary>
public sealed class NvidiaSmiGpuParserTests
{
    private const long Mib = 1024 * 1024;

    [Fact]
    public void EachGpuLineBecomesASampleInBytesWattsAndAFraction()
    {
        var samples = NvidiaSmiGpuParser.Parse(
            "0, GPU-3c4f9a1e-7d2b-5e8f-a1c3-9b0d2e4f6a81, 87, 70130, 143771, 512.45, 700.00\n");

        var gpu = Assert.Single(samples);
        Assert.Equal((0, "GPU-3c4f9a1e-7d2b-5e8f-a1c3-9b0d2e4f6a81", "cuda:0"), (gpu.Index, gpu.Uuid, gpu.Device));
        Assert.Equal(0.87, gpu.Utilization!.Value, 6);
        Assert.Equal(70130 * Mib, gpu.MemoryUsedBytes);
        Assert.Equal(143771 * Mib, gpu.MemoryTotalBytes);
        Assert.Equal(512.45, gpu.PowerWatts);
        Assert.Equal(700.0, gpu.PowerLimitWatts);
    }

    [Fact]
    public void SeveralGpusKeepTheirIndexAndUuid()
    {
        var samples = NvidiaSmiGpuParser.Parse(
            "0, GPU-11111111-2222-3333-4444-555555555555, 0, 0, 81559, 69.88, 700.00\r\n" +
            "1, GPU-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee, 100, 81000, 81559, 698.10, 700.00\r\n" +
            "3, GPU-99999999-8888-7777-6666-555555555555, 5, 1024, 81559, 120.00, 700.00\r\n");

        Assert.Equal(
            [("cuda:0", "GPU-11111111-2222-3333-4444-555555555555", 0.0), ("cuda:1", "GPU-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", 1.0),
             ("cuda:3", "GPU-99999999-8888-7777-6666-555555555555", 0.05)],
            samples.Select(s => (s.Device, s.Uuid, Math.Round(s.Utilization!.Value, 6))));
    }

    [Fact]
    public void NotAvailableAndNotSupportedValuesAreLeftOut()
    {
        var samples = NvidiaSmiGpuParser.Parse(
            "0, GPU-5e0e8a2c-1b3d-4f6a-8c9e-0a1b2c3d4e5f, [N/A], 1234, 23028, [N/A], [N/A]\n" +
            "1, GPU-6f1f9b3d-2c4e-5a7b-9d0f-1b2c3d4e5f6a, [Not Supported], [Not Supported], [Not Supported], 15.27, [Not Supported]\n" +
            "2, GPU-7a2a0c4e-3d5f-6b8c-0e1a-2c3d4e5f6a7b, [Unknown Error], 0, 16384, [GPU requires reset], 70.00\n");

        Assert.Equal(3, samples.Count);
        Assert.Equal((null, 1234 * Mib, 23028 * Mib, null, null),
            (samples[0].Utilization, samples[0].MemoryUsedBytes, samples[0].MemoryTotalBytes, samples[0].PowerWatts, samples[0].PowerLimitWatts));
        Assert.Equal((null, null, null, 15.27, null),
            (samples[1].Utilization, samples[1].MemoryUsedBytes, samples[1].MemoryTotalBytes, samples[1].PowerWatts, samples[1].PowerLimitWatts));
        Assert.Equal((null, 0L, 16384 * Mib, null, 70.0),
            (samples[2].Utilization, samples[2].MemoryUsedBytes, samples[2].MemoryTotalBytes, samples[2].PowerWatts, samples[2].PowerLimitWatts));
    }

    [Fact]
    public void UnitsAreAcceptedWhenNvidiaSmiPrintsThem()
    {
        var gpu = Assert.Single(NvidiaSmiGpuParser.Parse("0, GPU-0a0a0a0a-0000-1111-2222-333333333333, 42 %, 2048 MiB, 81559 MiB, 88.10 W, 700.00 W"));

        Assert.Equal((0.42, 2048 * Mib, 81559 * Mib, 88.10, 700.0),
            (Math.Round(gpu.Utilization!.Value, 6), gpu.MemoryUsedBytes, gpu.MemoryTotalBytes, gpu.PowerWatts, gpu.PowerLimitWatts));
    }

    [Theory]
    [InlineData("No devices were found")]
    [InlineData("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.")]
    [InlineData("Failed to initialize NVML: Driver/library version mismatch")]
    [InlineData("index, uuid, utilization.gpu [%], memory.used [MiB], memory.total [MiB], power.draw [W], power.limit [W]")]
    [InlineData("0, GPU-1, 1, 2, 3")]
    [InlineData("x, GPU-1, 1, 2, 3, 4, 5")]
    [InlineData("0, [N/A], 1, 2, 3, 4, 5")]
    [InlineData("0, , 1, 2, 3, 4, 5")]
    [InlineData("-1, GPU-1, 1, 2, 3, 4, 5")]
    [InlineData("")]
    public void LinesThatAreNotAGpuAreSkipped(string garbage)
    {
        var samples = NvidiaSmiGpuParser.Parse($"{garbage}\n0, GPU-12345678-1234-1234-1234-123456789abc, 3, 4, 5, 6.5, 7.5\n{garbage}");

        Assert.Equal(["GPU-12345678-1234-1234-1234-123456789abc"], samples.Select(s => s.Uuid));
    }

    [Fact]
    public void ValuesThatAreNotNumbersAreLeftOutRatherThanFailingTheLine()
    {
        var gpu = Assert.Single(NvidiaSmiGpuParser.Parse("0, GPU-12345678-1234-1234-1234-123456789abc, lots, -4, 5, six, 7"));

        Assert.Equal(("GPU-12345678-1234-1234-1234-123456789abc", null, null, 5 * Mib, null, 7.0),
            (gpu.Uuid, gpu.Utilization, gpu.MemoryUsedBytes, gpu.MemoryTotalBytes, gpu.PowerWatts, gpu.PowerLimitWatts));
    }
}
