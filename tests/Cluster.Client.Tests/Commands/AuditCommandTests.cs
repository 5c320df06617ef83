using Cluster.Admin.V1;
using Cluster.Client.Tests.Infrastructure;
using Google.Protobuf.WellKnownTypes;

namespace Cluster.Client.Tests.Commands;

public sealed class AuditCommandTests
{
    private const string Usage = "(usage: clusterctl audit governance [--tenant ID] [--from DATE] [--to DATE] [--limit N])";

    private static Timestamp Utc(int year, int month, int day, int hour = 0) =>
        Timestamp.FromDateTime(new DateTime(year, month, day, hour, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void GovernanceWithoutOptionsAsksForEverythingAtTheServerDefaultLimit() =>
        Assert.Equal(new ListGovernanceEventsRequest(), ClusterCtl.Request<ListGovernanceEventsRequest>("audit", "governance"));

    [Fact]
    public void GovernanceDateOnlyToCoversThatWholeDay() =>
        Assert.Equal(
            new ListGovernanceEventsRequest { TenantId = "mayo", From = Utc(2025, 1, 1), To = Utc(2025, 2, 1), Limit = 50 },
            ClusterCtl.Request<ListGovernanceEventsRequest>("audit", "governance", "--tenant", "mayo", "--from", "2025-01-01", "--to", "2025-01-31", "--limit", "50"));

    [Fact]
    public void GovernanceToWithATimeIsExact() =>
        Assert.Equal(Utc(2025, 1, 31, 12), ClusterCtl.Request<ListGovernanceEventsRequest>("audit", "governance", "--to", "2025-01-31T12:00:00Z").To);

    [Theory]
    [InlineData("0", "--limit must be between 1 and 1000 (got 0)")]
    [InlineData("1001", "--limit must be between 1 and 1000 (got 1001)")]
    [InlineData("many", "--limit 'many' is not an integer")]
    public void GovernanceRejectsABadLimit(string limit, string message) =>
        Assert.Equal($"error: audit governance: {message} {Usage}", ClusterCtl.UsageError("audit", "governance", "--limit", limit));

    [Fact]
    public void GovernanceRejectsABadDate() =>
        Assert.Equal(
            $"error: audit governance: --from 'last week' is not an ISO-8601 date or time (e.g. 2026-01-31 or 2026-01-31T12:00:00Z) {Usage}",
            ClusterCtl.UsageError("audit", "governance", "--from", "last week"));

    [Fact]
    public void GovernanceRejectsFromAfterTo() =>
        Assert.Equal($"error: audit governance: --from must be before --to {Usage}", ClusterCtl.UsageError("audit", "governance", "--from", "2025-02-01", "--to", "2025-01-01"));

    private const string ListUsage = "(usage: clusterctl audit TENANT [--from DATE] [--to DATE] [--limit N])";

    [Fact]
    public void AuditTenantAsksForItsRecordsAtTheServerDefaultLimit() =>
        Assert.Equal(new ListAuditRecordsRequest { TenantId = "mayo" }, ClusterCtl.Request<ListAuditRecordsRequest>("audit", "mayo"));

    [Fact]
    public void AuditTenantTakesAPeriodAndALimit() =>
        Assert.Equal(
            new ListAuditRecordsRequest { TenantId = "mayo", From = Utc(2025, 1, 1), To = Utc(2025, 2, 1), Limit = 10000 },
            ClusterCtl.Request<ListAuditRecordsRequest>("audit", "mayo", "--from", "2025-01-01", "--to", "2025-01-31", "--limit", "10000"));

    [Theory]
    [InlineData("0", "--limit must be between 1 and 10000 (got 0)")]
    [InlineData("10001", "--limit must be between 1 and 10000 (got 10001)")]
    public void AuditTenantRejectsABadLimit(string limit, string message) =>
        Assert.Equal($"error: audit: {message} {ListUsage}", ClusterCtl.UsageError("audit", "mayo", "--limit", limit));

    [Fact]
    public void AuditTenantRejectsFromAfterTo() =>
        Assert.Equal($"error: audit: --from must be before --to {ListUsage}", ClusterCtl.UsageError("audit", "mayo", "--from", "2025-02-01", "--to", "2025-01-01"));

    [Fact]
    public void AuditAloneIsMissingTheTenant() =>
        Assert.Equal($"error: audit: missing TENANT {ListUsage}", ClusterCtl.UsageError("audit"));

    [Fact]
    public void AuditGovernanceStillMeansTheGovernanceTrail() =>
        Assert.Equal(new ListGovernanceEventsRequest { TenantId = "mayo" }, ClusterCtl.Request<ListGovernanceEventsRequest>("audit", "governance", "--tenant", "mayo"));

    [Fact]
    public void ATenantNamedLikeASubcommandFollowsDoubleDash() =>
        Assert.Equal(new ListAuditRecordsRequest { TenantId = "verify" }, ClusterCtl.Request<ListAuditRecordsRequest>("audit", "--", "verify"));

    [Fact]
    public void VerifySendsTheTenant() =>
        Assert.Equal(new VerifyAuditChainRequest { TenantId = "mayo" }, ClusterCtl.Request<VerifyAuditChainRequest>("audit", "verify", "mayo"));

    [Fact]
    public void VerifyWithoutTenantIsAUsageError() =>
        Assert.Equal("error: audit verify: missing TENANT (usage: clusterctl audit verify TENANT)", ClusterCtl.UsageError("audit", "verify"));

    [Fact]
    public void VerifyTakesNoOptions() =>
        Assert.Equal("error: audit verify: unknown option --limit (usage: clusterctl audit verify TENANT)", ClusterCtl.UsageError("audit", "verify", "mayo", "--limit", "3"));
}
