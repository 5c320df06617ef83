using Cluster.Admin.V1;
using Cluster.Client.Tests.Infrastructure;

namespace Cluster.Client.Tests.Commands;

public sealed class PolicyCommandTests
{
    private const string SetUsage =
        "(usage: clusterctl policy set TENANT --model NAME[:VERSION|:latest|:*]... --purpose CODE... [--default-purpose CODE | --no-default-purpose] " +
        "[--rate PER_S [--burst N]] [--concurrency N] [--daily-units N] [--monthly-units N] [--weight W] [--no-limits] [--if-revision N])";

    [Fact]
    public void GetSendsTheTenant() =>
        Assert.Equal(new GetPolicyRequest { TenantId = "mayo" }, ClusterCtl.Request<GetPolicyRequest>("policy", "get", "mayo"));

    [Fact]
    public void GetWithoutTenantIsAUsageError() =>
        Assert.Equal("error: policy get: missing TENANT (usage: clusterctl policy get TENANT)", ClusterCtl.UsageError("policy", "get"));

    [Fact]
    public void SetSendsEveryModelAndPurposeInOrder()
    {
        var request = ClusterCtl.Request<SetPolicyRequest>(
            "policy", "set", "mayo",
            "--model", "breast-cancer-risk", "--model", "sepsis:3", "--model", "triage:*",
            "--purpose", "TREAT", "--purpose", "HOPERAT",
            "--default-purpose", "TREAT", "--if-revision", "7");
        var expected = new SetPolicyRequest
        {
            TenantId = "mayo",
            Entitlements =
            {
                new Entitlement { Model = "breast-cancer-risk", Version = "latest" },
                new Entitlement { Model = "sepsis", Version = "3" },
                new Entitlement { Model = "triage", Version = "*" },
            },
            PermittedPurposes = { "TREAT", "HOPERAT" },
            DefaultPurpose = "TREAT",
            ExpectedRevision = 7,
        };
        Assert.Equal(expected, request);
    }

    [Fact]
    public void SetWithoutLimitOptionsSendsNoLimitsToAnEmptyPolicy() =>
        Assert.Null(ClusterCtl.Request<SetPolicyRequest>("policy", "set", "mayo", "--model", "m", "--purpose", "TREAT").Limits);

    [Fact]
    public void SetSendsEveryLimit() =>
        Assert.Equal(
            new Limits { RatePerSecond = 12.5, Burst = 40, Concurrency = 4, DailyUnits = 1000, MonthlyUnits = 20000 },
            ClusterCtl.Request<SetPolicyRequest>(
                "policy", "set", "mayo", "--model", "m", "--purpose", "TREAT",
                "--rate", "12.5", "--burst", "40", "--concurrency", "4", "--daily-units", "1000", "--monthly-units", "20000").Limits);

    [Fact]
    public void SetSendsTheFairShareWeightWithTheLimits() =>
        Assert.Equal(
            new Limits { FairShareWeight = 2.5 },
            ClusterCtl.Request<SetPolicyRequest>("policy", "set", "mayo", "--model", "m", "--purpose", "TREAT", "--weight", "2.5").Limits);

    [Fact]
    public void SetRateWithoutBurstMeansABucketOfOneSecond() =>
        Assert.Equal(
            new Limits { RatePerSecond = 5 },
            ClusterCtl.Request<SetPolicyRequest>("policy", "set", "mayo", "--model", "m", "--purpose", "TREAT", "--rate", "5").Limits);

    [Theory]
    [InlineData(new[] { "--burst", "5" }, "--burst needs --rate (the two make one limit)")]
    [InlineData(new[] { "--rate", "0", "--burst", "5" }, "--burst needs a positive --rate")]
    [InlineData(new[] { "--no-limits", "--concurrency", "2" }, "--no-limits cannot be combined with a limit option")]
    [InlineData(new[] { "--rate", "-1" }, "--rate '-1' is not a number between 0 and 1000000")]
    [InlineData(new[] { "--rate", "fast" }, "--rate 'fast' is not a number between 0 and 1000000")]
    [InlineData(new[] { "--rate", "1e3" }, "--rate '1e3' is not a number between 0 and 1000000")]
    [InlineData(new[] { "--concurrency", "-1" }, "--concurrency must be between 0 and 2147483647 (got -1)")]
    [InlineData(new[] { "--burst", "3000000000", "--rate", "1" }, "--burst must be between 0 and 2147483647 (got 3000000000)")]
    [InlineData(new[] { "--daily-units", "ten" }, "--daily-units 'ten' is not an integer")]
    [InlineData(new[] { "--monthly-units", "-5" }, "--monthly-units must be at least 0 (got -5)")]
    [InlineData(new[] { "--no-limits=yes" }, "--no-limits takes no value")]
    [InlineData(new[] { "--weight", "-2" }, "--weight '-2' is not a number between 0 and 1000")]
    [InlineData(new[] { "--weight", "5000" }, "--weight '5000' is not a number between 0 and 1000")]
    [InlineData(new[] { "--no-limits", "--weight", "2" }, "--no-limits cannot be combined with a limit option")]
    [InlineData(new[] { "--default-purpose", "TREAT", "--no-default-purpose" }, "give --default-purpose or --no-default-purpose, not both")]
    public void SetRejectsBadLimitAndDefaultOptions(string[] options, string message) =>
        Assert.Equal(
            $"error: policy set: {message} {SetUsage}",
            ClusterCtl.UsageError(["policy", "set", "mayo", "--model", "m", "--purpose", "TREAT", .. options]));

    [Fact]
    public void SetWithoutModelIsAUsageError() =>
        Assert.Equal($"error: policy set: --model is required {SetUsage}", ClusterCtl.UsageError("policy", "set", "mayo", "--purpose", "TREAT"));

    [Fact]
    public void SetWithoutPurposeIsAUsageError() =>
        Assert.Equal($"error: policy set: --purpose is required {SetUsage}", ClusterCtl.UsageError("policy", "set", "mayo", "--model", "m"));

    [Fact]
    public void SetRejectsADefaultPurposeThatIsNotPermitted() =>
        Assert.Equal(
            $"error: policy set: --default-purpose HRESCH is not one of the --purpose codes (TREAT, HOPERAT) {SetUsage}",
            ClusterCtl.UsageError("policy", "set", "mayo", "--model", "m", "--purpose", "TREAT", "--purpose", "HOPERAT", "--default-purpose", "HRESCH"));

    [Theory]
    [InlineData("0", "--if-revision must be at least 1 (got 0)")]
    [InlineData("two", "--if-revision 'two' is not an integer")]
    public void SetRejectsABadRevision(string revision, string message) =>
        Assert.Equal(
            $"error: policy set: {message} {SetUsage}",
            ClusterCtl.UsageError("policy", "set", "mayo", "--model", "m", "--purpose", "TREAT", "--if-revision", revision));

    [Fact]
    public void SetRejectsABadModelSuffix() =>
        Assert.Equal(
            $"error: policy set: --model 'sepsis:v2': version must be a number, 'latest' or '*' {SetUsage}",
            ClusterCtl.UsageError("policy", "set", "mayo", "--model", "sepsis:v2", "--purpose", "TREAT"));
}
