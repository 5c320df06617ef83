using Cluster.Gateway.Telemetry;

namespace Cluster.Gateway.Tests.Telemetry;

public class TelemetryOptionsValidatorTests
{
    [Fact]
    public void TheDefaultsAreValidAndLeaveTracingOff()
    {
        var options = new TelemetryOptions();
        Assert.True(new TelemetryOptionsValidator().Validate(null, options).Succeeded);
        Assert.False(options.Enabled);
    }

    [Fact]
    public void EachUnusableValueIsNamed()
    {
        var result = new TelemetryOptionsValidator().Validate(null, new TelemetryOptions
        {
            OtlpEndpoint = "collector:4317",
            OtlpProtocol = "udp",
            SamplingRatio = 1.5,
        });

        Assert.True(result.Failed);
        foreach (var key in new[] { "OtlpEndpoint", "OtlpProtocol", "SamplingRatio" })
            Assert.Contains(result.Failures!, f => f.Contains($"Telemetry:{key}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://collector:4317", "grpc")]
    [InlineData("https://collector.example:4318/v1/traces", "http/protobuf")]
    public void AnHttpOrHttpsCollectorIsAccepted(string endpoint, string protocol) =>
        Assert.True(new TelemetryOptionsValidator().Validate(null, new TelemetryOptions { OtlpEndpoint = endpoint, OtlpProtocol = protocol }).Succeeded);
}
