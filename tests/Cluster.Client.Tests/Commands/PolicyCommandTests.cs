using Cluster.Admin.V1;
using Cluster.Client.Tests.Infrastructure;

namespace Cluster.Client.Tests.Commands;

public sealed class PolicyCommandTests
{
    private const string SetUsage =
        "(usage: clusterctl policy set TENANT --model NAME[:VERSION|:latest|:*]... --purpose CODE... [--default-purpose CODE] [--if-revision N])";

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
    public void SetWithoutIfRevisionIsUnconditional() =>
        Assert.Equal(0, ClusterCtl.Request<SetPolicyRequest>("policy", "set", "mayo", "--model", "m", "--purpose", "TREAT").ExpectedRevision);

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
