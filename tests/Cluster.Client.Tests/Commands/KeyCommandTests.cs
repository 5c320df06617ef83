using Cluster.Admin.V1;
using Cluster.Client.Tests.Infrastructure;
using Google.Protobuf.WellKnownTypes;

namespace Cluster.Client.Tests.Commands;

public sealed class KeyCommandTests
{
    private const string IssueUsage = "(usage: clusterctl key issue TENANT --name NAME [--expires ISO8601])";

    [Fact]
    public void IssueSendsTenantAndNameAndNoExpiryByDefault() =>
        Assert.Equal(new IssueKeyRequest { TenantId = "mayo", Name = "epic-prod" }, ClusterCtl.Request<IssueKeyRequest>("key", "issue", "mayo", "--name", "epic-prod"));

    [Theory]
    [InlineData("2026-03-01", "2026-03-01T00:00:00Z")]
    [InlineData("2026-03-01T12:30:00Z", "2026-03-01T12:30:00Z")]
    [InlineData("2026-03-01T12:30", "2026-03-01T12:30:00Z")]
    [InlineData("2026-03-01T12:30:00+02:00", "2026-03-01T10:30:00Z")]
    [InlineData("2026-03-01T12:30:00.250Z", "2026-03-01T12:30:00.250Z")]
    public void IssueReadsExpiryAsIso8601InUtc(string text, string utc)
    {
        var request = ClusterCtl.Request<IssueKeyRequest>("key", "issue", "mayo", "--name", "ci", "--expires", text);
        Assert.Equal(Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)), request.ExpiresAt);
    }

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("03/01/2026")]
    [InlineData("2026-13-01")]
    public void IssueRejectsAnExpiryThatIsNotIso8601(string text) =>
        Assert.Equal(
            $"error: key issue: --expires '{text}' is not an ISO-8601 date or time (e.g. 2026-01-31 or 2026-01-31T12:00:00Z) {IssueUsage}",
            ClusterCtl.UsageError("key", "issue", "mayo", "--name", "ci", "--expires", text));

    [Fact]
    public void IssueWithoutNameIsAUsageError() =>
        Assert.Equal($"error: key issue: --name is required {IssueUsage}", ClusterCtl.UsageError("key", "issue", "mayo"));

    [Fact]
    public void ListSendsTheTenant() =>
        Assert.Equal(new ListKeysRequest { TenantId = "mayo" }, ClusterCtl.Request<ListKeysRequest>("key", "list", "mayo"));

    [Fact]
    public void ListWithoutTenantIsAUsageError() =>
        Assert.Equal("error: key list: missing TENANT (usage: clusterctl key list TENANT)", ClusterCtl.UsageError("key", "list"));

    [Fact]
    public void RevokeSendsTenantAndKeyId() =>
        Assert.Equal(new RevokeKeyRequest { TenantId = "mayo", KeyId = "ab12" }, ClusterCtl.Request<RevokeKeyRequest>("key", "revoke", "mayo", "ab12"));

    [Fact]
    public void RevokeWithoutKeyIdIsAUsageError() =>
        Assert.Equal("error: key revoke: missing KEYID (usage: clusterctl key revoke TENANT KEYID)", ClusterCtl.UsageError("key", "revoke", "mayo"));
}
