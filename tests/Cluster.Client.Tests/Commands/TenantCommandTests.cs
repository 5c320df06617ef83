using Cluster.Admin.V1;
using Cluster.Client.Tests.Infrastructure;

namespace Cluster.Client.Tests.Commands;

public sealed class TenantCommandTests
{
    [Fact]
    public void CreateSendsIdAndDisplayName() =>
        Assert.Equal(
            new CreateTenantRequest { Id = "mayo", DisplayName = "Mayo Clinic" },
            ClusterCtl.Request<CreateTenantRequest>("tenant", "create", "mayo", "--name", "Mayo Clinic"));

    [Fact]
    public void CreateWithoutNameIsAUsageError() =>
        Assert.Equal("error: tenant create: --name is required (usage: clusterctl tenant create ID --name NAME)", ClusterCtl.UsageError("tenant", "create", "mayo"));

    [Fact]
    public void CreateWithoutIdIsAUsageError() =>
        Assert.Equal("error: tenant create: missing ID (usage: clusterctl tenant create ID --name NAME)", ClusterCtl.UsageError("tenant", "create", "--name", "Mayo"));

    [Fact]
    public void GetSendsTheId() =>
        Assert.Equal(new GetTenantRequest { Id = "kp" }, ClusterCtl.Request<GetTenantRequest>("tenant", "get", "kp"));

    [Fact]
    public void GetWithoutIdIsAUsageError() =>
        Assert.Equal("error: tenant get: missing ID (usage: clusterctl tenant get ID)", ClusterCtl.UsageError("tenant", "get"));

    [Fact]
    public void ListTakesNoArguments()
    {
        Assert.Equal(new ListTenantsRequest(), ClusterCtl.Request<ListTenantsRequest>("tenant", "list"));
        Assert.Equal("error: tenant list: unexpected argument 'mayo' (usage: clusterctl tenant list)", ClusterCtl.UsageError("tenant", "list", "mayo"));
    }

    [Fact]
    public void SuspendSendsTheReasonWhenGiven()
    {
        Assert.Equal(new SuspendTenantRequest { Id = "mayo", Reason = "contract ended" }, ClusterCtl.Request<SuspendTenantRequest>("tenant", "suspend", "mayo", "--reason", "contract ended"));
        Assert.Equal(new SuspendTenantRequest { Id = "mayo" }, ClusterCtl.Request<SuspendTenantRequest>("tenant", "suspend", "mayo"));
    }

    [Fact]
    public void SuspendWithoutIdIsAUsageError() =>
        Assert.Equal("error: tenant suspend: missing ID (usage: clusterctl tenant suspend ID [--reason TEXT])", ClusterCtl.UsageError("tenant", "suspend", "--reason", "x"));

    [Fact]
    public void ResumeSendsTheId() =>
        Assert.Equal(new ResumeTenantRequest { Id = "mayo" }, ClusterCtl.Request<ResumeTenantRequest>("tenant", "resume", "mayo"));

    [Fact]
    public void ResumeRejectsAReason() =>
        Assert.Equal("error: tenant resume: unknown option --reason (usage: clusterctl tenant resume ID)", ClusterCtl.UsageError("tenant", "resume", "mayo", "--reason", "x"));
}
