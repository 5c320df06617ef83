using Cluster.Gateway.Audit;
using Cluster.Gateway.Metering;
using Microsoft.Extensions.Configuration;

namespace Cluster.Gateway.Tests.Metering;

public sealed class MeteringOptionsValidatorTests
{
    private static MeteringOptions Bind(string auditDigest) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Metering:AuditDigest"] = auditDigest }).Build()
            .GetSection(MeteringOptions.SectionName).Get<MeteringOptions>()!;

    [Fact]
    public void TheDefaultDigestIsFastAndValid()
    {
        var options = new MeteringOptions();

        Assert.Equal(AuditDigestMode.Fast, options.AuditDigest);
        Assert.True(new MeteringOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("Sha256", AuditDigestMode.Sha256)]
    [InlineData("sha256", AuditDigestMode.Sha256)]
    [InlineData("Fast", AuditDigestMode.Fast)]
    public void EitherDigestIsTakenByName(string value, AuditDigestMode expected)
    {
        var options = Bind(value);

        Assert.Equal(expected, options.AuditDigest);
        Assert.True(new MeteringOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void ANumberThatNamesNoDigestFailsStartUpNamingTheKey()
    {
        var result = new MeteringOptionsValidator().Validate(null, Bind("7"));

        Assert.False(result.Succeeded);
        Assert.Contains("Metering:AuditDigest is 7", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownNameFailsBindingNamingTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Bind("blake2"));

        Assert.Contains("Metering:AuditDigest", error.Message, StringComparison.Ordinal);
    }
}
