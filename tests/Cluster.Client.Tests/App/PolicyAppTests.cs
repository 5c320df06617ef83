using System.Text.Json;
using Cluster.Admin.V1;
using Cluster.Client.Tests.Infrastructure;
using Cluster.Ctl.CommandLine;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;

namespace Cluster.Client.Tests.App;

/// <summary><c>policy get</c> and <c>policy set</c> against <see cref="FakeGrpcHandler"/>: limits, and set as read-modify-write.</summary>
public sealed class PolicyAppTests : IDisposable
{
    private const string GetPolicy = "/cluster.admin.v1.PolicyService/GetPolicy";
    private const string SetPolicy = "/cluster.admin.v1.PolicyService/SetPolicy";

    private static readonly Timestamp Updated = Timestamp.FromDateTime(new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc));
    private static readonly Limits Contract = new() { RatePerSecond = 12.5, Burst = 40, Concurrency = 4, DailyUnits = 1000, MonthlyUnits = 20000 };

    private readonly FakeGrpcHandler _server = new();

    public void Dispose() => _server.Dispose();

    private CtlRun Run(params string[] args) => ClusterCtl.Run(_server, null, args);

    private static Policy Mayo(long revision, Limits limits) => new()
    {
        TenantId = "mayo",
        Entitlements = { new Entitlement { Model = "breast-cancer-risk", Version = "latest" } },
        PermittedPurposes = { "TREAT", "HOPERAT" },
        DefaultPurpose = "TREAT",
        Revision = revision,
        UpdatedAt = Updated,
        UpdatedBy = "operator:root",
        Limits = limits,
    };

    [Fact]
    public void GetShowsEachLimitThatIsSet()
    {
        _server.Reply(GetPolicy, Mayo(4, Contract));
        Assert.Equal(
            [
                "limits           rate 12.5/s, burst 40",
                "                 concurrency 4",
                "                 daily units 1000",
                "                 monthly units 20000",
            ],
            Run("policy", "get", "mayo").StdoutLines[^4..]);
    }

    [Fact]
    public void GetShowsTheFairShareWeightWhenSet()
    {
        _server.Reply(GetPolicy, Mayo(4, new Limits { Concurrency = 4, FairShareWeight = 3 }));
        Assert.Equal(
            ["limits           concurrency 4", "                 fair-share weight 3"],
            Run("policy", "get", "mayo").StdoutLines[^2..]);
    }

    [Fact]
    public void GetShowsABurstOfOneSecondAndOmitsLimitsThatAreNotSet()
    {
        _server.Reply(GetPolicy, Mayo(4, new Limits { RatePerSecond = 3, DailyUnits = 50 }));
        Assert.Equal(
            ["limits           rate 3/s, burst one second of rate", "                 daily units 50"],
            Run("policy", "get", "mayo").StdoutLines[^2..]);
    }

    [Fact]
    public void GetJsonHasTheLimits()
    {
        _server.Reply(GetPolicy, Mayo(4, Contract));
        using var document = JsonDocument.Parse(Run("policy", "get", "mayo", "--json").Stdout);
        var limits = document.RootElement.GetProperty("limits");
        Assert.Equal(12.5, limits.GetProperty("ratePerSecond").GetDouble());
        Assert.Equal(4, limits.GetProperty("concurrency").GetInt32());
        Assert.Equal("1000", limits.GetProperty("dailyUnits").GetString());
    }

    [Fact]
    public void SetReadsThePolicyThenWritesItBackAtTheRevisionReadKeepingItsLimits()
    {
        _server.Reply(GetPolicy, Mayo(4, Contract)).Reply(SetPolicy, Mayo(5, Contract));
        var run = Run("policy", "set", "mayo", "--model", "sepsis:3", "--purpose", "TREAT");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal([GetPolicy, SetPolicy], _server.Calls.Select(c => c.Path));
        Assert.Equal(new GetPolicyRequest { TenantId = "mayo" }, _server.Request<GetPolicyRequest>(0));
        Assert.Equal(
            new SetPolicyRequest
            {
                TenantId = "mayo",
                Entitlements = { new Entitlement { Model = "sepsis", Version = "3" } },
                PermittedPurposes = { "TREAT" },
                DefaultPurpose = "TREAT",
                ExpectedRevision = 4,
                Limits = Contract,
            },
            _server.Request<SetPolicyRequest>(1));
        Assert.Contains("revision         5", run.StdoutLines);
    }

    [Fact]
    public void SetChangesOnlyTheLimitsGiven()
    {
        _server.Reply(GetPolicy, Mayo(4, Contract)).Reply(SetPolicy, Mayo(5, Contract));
        Run("policy", "set", "mayo", "--model", "m", "--purpose", "TREAT", "--monthly-units", "0", "--concurrency", "16");
        Assert.Equal(
            new Limits { RatePerSecond = 12.5, Burst = 40, Concurrency = 16, DailyUnits = 1000 },
            _server.Request<SetPolicyRequest>(1).Limits);
    }

    [Fact]
    public void SetWithNoLimitsSendsNone()
    {
        _server.Reply(GetPolicy, Mayo(4, Contract)).Reply(SetPolicy, Mayo(5, new Limits()));
        Run("policy", "set", "mayo", "--model", "m", "--purpose", "TREAT", "--no-limits");
        Assert.Null(_server.Request<SetPolicyRequest>(1).Limits);
    }

    [Fact]
    public void SetWithIfRevisionSendsThatRevision()
    {
        _server.Reply(GetPolicy, Mayo(4, Contract)).Reply(SetPolicy, Mayo(5, Contract));
        Run("policy", "set", "mayo", "--model", "m", "--purpose", "TREAT", "--if-revision", "3");
        Assert.Equal(3, _server.Request<SetPolicyRequest>(1).ExpectedRevision);
    }

    [Fact]
    public void SetReportsAConcurrentChangeInsteadOfOverwritingIt()
    {
        var status = new Google.Rpc.Status { Code = (int)Code.FailedPrecondition, Message = "tenant 'mayo' policy is at revision 5; the change was based on revision 4. Read it again and retry." };
        status.Details.Add(Any.Pack(new ErrorInfo { Reason = "POLICY_REVISION_CHANGED" }));
        _server.Reply(GetPolicy, Mayo(4, Contract)).Fail(SetPolicy, status);
        var run = Run("policy", "set", "mayo", "--model", "m", "--purpose", "TREAT");
        Assert.Equal(ExitCodes.ServerError, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal(
            "error: FAILED_PRECONDITION: tenant 'mayo' policy is at revision 5; the change was based on revision 4. Read it again and retry. [reason POLICY_REVISION_CHANGED]\n",
            run.Stderr);
    }

    [Fact]
    public void SetThatWouldDropTheDefaultPurposeIsAUsageErrorAndWritesNothing()
    {
        _server.Reply(GetPolicy, Mayo(4, Contract));
        var run = Run("policy", "set", "mayo", "--model", "m", "--purpose", "HOPERAT");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith(
            "error: policy set: the current default purpose TREAT is not one of the --purpose codes (HOPERAT); give --default-purpose CODE or --no-default-purpose (usage: clusterctl policy set ",
            run.Stderr);
        Assert.Equal([GetPolicy], _server.Calls.Select(c => c.Path));
    }

    [Fact]
    public void SetForAnUnknownTenantFailsOnTheRead()
    {
        var status = new Google.Rpc.Status { Code = (int)Code.NotFound, Message = "tenant 'kp' does not exist." };
        _server.Fail(GetPolicy, status);
        var run = Run("policy", "set", "kp", "--model", "m", "--purpose", "TREAT");
        Assert.Equal(ExitCodes.ServerError, run.ExitCode);
        Assert.Equal("error: NOT_FOUND: tenant 'kp' does not exist.\n", run.Stderr);
        Assert.Single(_server.Calls);
    }
}
