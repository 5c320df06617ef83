using Cluster.Grains.Devices.Telemetry;

namespace Cluster.Grains.Tests.Telemetry;

public sealed class GpuMetricsOptionsValidatorTests
{
    private static IEnumerable<string> Failures(GpuMetricsOptions options) =>
        new GpuMetricsOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void TheDefaultsAreValid() => Assert.Empty(Failures(new GpuMetricsOptions()));

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(0.5)]
    public void AnIntervalUnderASecondNamesTheKey(double seconds)
    {
        var failure = Assert.Single(Failures(new GpuMetricsOptions { GpuMetricsInterval = TimeSpan.FromSeconds(seconds) }));

        Assert.StartsWith("Silo:GpuMetricsInterval", failure);
    }

    [Fact]
    public void AnUnknownModeNamesTheKey()
    {
        var failure = Assert.Single(Failures(new GpuMetricsOptions { GpuMetrics = (GpuMetricsMode)7 }));

        Assert.StartsWith("Silo:GpuMetrics ", failure);
    }
}
