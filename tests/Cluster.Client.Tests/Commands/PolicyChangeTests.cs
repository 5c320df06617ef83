using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;
using Cluster.Ctl.Commands.Policies;

namespace Cluster.Client.Tests.Commands;

/// <summary><c>policy set</c> as read-modify-write: what it keeps from the policy it read and what it replaces.</summary>
public sealed class PolicyChangeTests
{
    private static readonly Limits Contract = new() { RatePerSecond = 10, Burst = 20, Concurrency = 4, DailyUnits = 1000, MonthlyUnits = 20000 };

    private static Policy Current(Limits? limits = null, string defaultPurpose = "TREAT", long revision = 4) => new()
    {
        TenantId = "mayo",
        Entitlements = { new Entitlement { Model = "old", Version = "1" } },
        PermittedPurposes = { "TREAT", "HOPERAT" },
        DefaultPurpose = defaultPurpose,
        Revision = revision,
        Limits = limits ?? new Limits(),
    };

    private static PolicyChange Change(
        LimitsChange? limits = null, string[]? purposes = null, string? defaultPurpose = null, bool removeDefault = false, long? ifRevision = null) =>
        new("mayo", [new Entitlement { Model = "new", Version = "latest" }], purposes ?? ["TREAT"], defaultPurpose, removeDefault, limits ?? LimitsChange.Keep, ifRevision);

    [Fact]
    public void ModelsAndPurposesReplaceTheLists()
    {
        var request = Change(purposes: ["HRESCH", "TREAT"]).ToRequest(Current());
        Assert.Equal([new Entitlement { Model = "new", Version = "latest" }], request.Entitlements);
        Assert.Equal(["HRESCH", "TREAT"], request.PermittedPurposes);
    }

    [Fact]
    public void KeepsTheLimitsWhenNoLimitOptionIsGiven() =>
        Assert.Equal(Contract, Change().ToRequest(Current(Contract)).Limits);

    [Fact]
    public void SendsNoLimitsWhenThereWereNone() =>
        Assert.Null(Change().ToRequest(Current(new Limits())).Limits);

    [Fact]
    public void ALimitOptionChangesOnlyThatLimit() =>
        Assert.Equal(
            new Limits { RatePerSecond = 10, Burst = 20, Concurrency = 8, DailyUnits = 1000, MonthlyUnits = 20000 },
            Change(new LimitsChange { Concurrency = 8 }).ToRequest(Current(Contract)).Limits);

    [Fact]
    public void ZeroRemovesOneLimit() =>
        Assert.Equal(
            new Limits { RatePerSecond = 10, Burst = 20, Concurrency = 4, MonthlyUnits = 20000 },
            Change(new LimitsChange { DailyUnits = 0 }).ToRequest(Current(Contract)).Limits);

    [Fact]
    public void RateReplacesTheWholeBucket() =>
        Assert.Equal(
            new Limits { RatePerSecond = 50, Burst = 0, Concurrency = 4, DailyUnits = 1000, MonthlyUnits = 20000 },
            Change(new LimitsChange { RatePerSecond = 50 }).ToRequest(Current(Contract)).Limits);

    [Fact]
    public void WeightChangesOnlyTheWeight() =>
        Assert.Equal(
            new Limits { RatePerSecond = 10, Burst = 20, Concurrency = 4, DailyUnits = 1000, MonthlyUnits = 20000, FairShareWeight = 3 },
            Change(new LimitsChange { FairShareWeight = 3 }).ToRequest(Current(Contract)).Limits);

    [Fact]
    public void NoLimitsRemovesThemAll() =>
        Assert.Null(Change(new LimitsChange { RemoveAll = true }).ToRequest(Current(Contract)).Limits);

    [Fact]
    public void RemovingTheLastLimitSendsNone() =>
        Assert.Null(Change(new LimitsChange { Concurrency = 0 }).ToRequest(Current(new Limits { Concurrency = 3 })).Limits);

    [Fact]
    public void IsConditionalOnTheRevisionRead() =>
        Assert.Equal(4, Change().ToRequest(Current(revision: 4)).ExpectedRevision);

    [Fact]
    public void IfRevisionWinsOverTheRevisionRead() =>
        Assert.Equal(2, Change(ifRevision: 2).ToRequest(Current(revision: 4)).ExpectedRevision);

    [Fact]
    public void KeepsTheDefaultPurposeWhileItIsStillPermitted() =>
        Assert.Equal("TREAT", Change().ToRequest(Current(defaultPurpose: "TREAT")).DefaultPurpose);

    [Fact]
    public void DefaultPurposeOptionReplacesIt() =>
        Assert.Equal("HOPERAT", Change(purposes: ["TREAT", "HOPERAT"], defaultPurpose: "HOPERAT").ToRequest(Current()).DefaultPurpose);

    [Fact]
    public void NoDefaultPurposeRemovesIt() =>
        Assert.Equal("", Change(removeDefault: true).ToRequest(Current()).DefaultPurpose);

    [Fact]
    public void ADefaultPurposeNoLongerPermittedMustBeDecidedExplicitly()
    {
        var e = Assert.Throws<UsageException>(() => Change(purposes: ["TREAT"]).ToRequest(Current(defaultPurpose: "HOPERAT")));
        Assert.Equal("the current default purpose HOPERAT is not one of the --purpose codes (TREAT); give --default-purpose CODE or --no-default-purpose", e.Message);
    }

    [Fact]
    public void NoCurrentDefaultPurposeStaysNone() =>
        Assert.Equal("", Change().ToRequest(Current(defaultPurpose: "")).DefaultPurpose);
}
