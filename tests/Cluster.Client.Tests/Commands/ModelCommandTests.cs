using Cluster.Admin.V1;
using Cluster.Client.Tests.Infrastructure;
using Google.Protobuf.WellKnownTypes;

namespace Cluster.Client.Tests.Commands;

public sealed class ModelCommandTests
{
    private const string LifecycleUsage = "(usage: clusterctl model lifecycle NAME VERSION STATE [--sunset ISO8601])";
    private const string ApproveUsage = "(usage: clusterctl model approve NAME VERSION (--tenant ID | --all-tenants))";
    private const string WithdrawUsage = "(usage: clusterctl model withdraw NAME VERSION (--tenant ID | --all-tenants))";

    [Fact]
    public void ListTakesNoArguments() =>
        Assert.Equal(new ListModelsRequest(), ClusterCtl.Request<ListModelsRequest>("model", "list"));

    [Fact]
    public void CardSendsNameAndVersion() =>
        Assert.Equal(new GetModelCardRequest { Model = "sepsis", Version = "2" }, ClusterCtl.Request<GetModelCardRequest>("model", "card", "sepsis", "2"));

    [Fact]
    public void CardWithoutVersionIsAUsageError() =>
        Assert.Equal("error: model card: missing VERSION (usage: clusterctl model card NAME VERSION)", ClusterCtl.UsageError("model", "card", "sepsis"));

    [Theory]
    [InlineData("Draft", LifecycleState.Draft)]
    [InlineData("validated", LifecycleState.Validated)]
    [InlineData("APPROVED", LifecycleState.Approved)]
    [InlineData("retired", LifecycleState.Retired)]
    public void LifecycleReadsTheStateCaseInsensitively(string text, LifecycleState state) =>
        Assert.Equal(
            new SetLifecycleRequest { Model = "sepsis", Version = "2", State = state },
            ClusterCtl.Request<SetLifecycleRequest>("model", "lifecycle", "sepsis", "2", text));

    [Fact]
    public void LifecycleDeprecatedSendsTheSunset() =>
        Assert.Equal(
            new SetLifecycleRequest
            {
                Model = "sepsis",
                Version = "2",
                State = LifecycleState.Deprecated,
                SunsetAt = Timestamp.FromDateTime(new DateTime(2026, 6, 30, 0, 0, 0, DateTimeKind.Utc)),
            },
            ClusterCtl.Request<SetLifecycleRequest>("model", "lifecycle", "sepsis", "2", "deprecated", "--sunset", "2026-06-30"));

    [Fact]
    public void LifecycleDeprecatedWithoutSunsetIsAUsageError() =>
        Assert.Equal($"error: model lifecycle: --sunset is required when STATE is Deprecated {LifecycleUsage}", ClusterCtl.UsageError("model", "lifecycle", "sepsis", "2", "Deprecated"));

    [Fact]
    public void LifecycleSunsetWithAnotherStateIsAUsageError() =>
        Assert.Equal(
            $"error: model lifecycle: --sunset applies only when STATE is Deprecated {LifecycleUsage}",
            ClusterCtl.UsageError("model", "lifecycle", "sepsis", "2", "Approved", "--sunset", "2026-06-30"));

    [Fact]
    public void LifecycleUnknownStateIsAUsageError() =>
        Assert.Equal(
            $"error: model lifecycle: STATE 'Live' is not one of Draft, Validated, Approved, Deprecated, Retired {LifecycleUsage}",
            ClusterCtl.UsageError("model", "lifecycle", "sepsis", "2", "Live"));

    [Fact]
    public void LifecycleWithoutStateIsAUsageError() =>
        Assert.Equal($"error: model lifecycle: missing STATE {LifecycleUsage}", ClusterCtl.UsageError("model", "lifecycle", "sepsis", "2"));

    [Fact]
    public void ApproveForOneTenant() =>
        Assert.Equal(
            new ApproveModelRequest { Model = "sepsis", Version = "2", TenantId = "mayo" },
            ClusterCtl.Request<ApproveModelRequest>("model", "approve", "sepsis", "2", "--tenant", "mayo"));

    [Fact]
    public void ApproveForAllTenants() =>
        Assert.Equal(
            new ApproveModelRequest { Model = "sepsis", Version = "2", AllTenants = true },
            ClusterCtl.Request<ApproveModelRequest>("model", "approve", "sepsis", "2", "--all-tenants"));

    [Fact]
    public void ApproveNeedsATarget() =>
        Assert.Equal($"error: model approve: give --tenant ID or --all-tenants {ApproveUsage}", ClusterCtl.UsageError("model", "approve", "sepsis", "2"));

    [Fact]
    public void ApproveRejectsBothTargets() =>
        Assert.Equal(
            $"error: model approve: give --tenant ID or --all-tenants, not both {ApproveUsage}",
            ClusterCtl.UsageError("model", "approve", "sepsis", "2", "--tenant", "mayo", "--all-tenants"));

    [Fact]
    public void WithdrawFromOneTenant() =>
        Assert.Equal(
            new WithdrawApprovalRequest { Model = "sepsis", Version = "2", TenantId = "mayo" },
            ClusterCtl.Request<WithdrawApprovalRequest>("model", "withdraw", "sepsis", "2", "--tenant", "mayo"));

    [Fact]
    public void WithdrawFromAllTenants() =>
        Assert.Equal(
            new WithdrawApprovalRequest { Model = "sepsis", Version = "2", AllTenants = true },
            ClusterCtl.Request<WithdrawApprovalRequest>("model", "withdraw", "sepsis", "2", "--all-tenants"));

    [Fact]
    public void WithdrawNeedsATarget() =>
        Assert.Equal($"error: model withdraw: give --tenant ID or --all-tenants {WithdrawUsage}", ClusterCtl.UsageError("model", "withdraw", "sepsis", "2"));
}
