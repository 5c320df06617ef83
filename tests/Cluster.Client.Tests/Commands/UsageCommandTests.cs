using Cluster.Admin.V1;
using Cluster.Client.Tests.Infrastructure;
using Google.Protobuf.WellKnownTypes;

namespace Cluster.Client.Tests.Commands;

public sealed class UsageCommandTests
{
    private const string Usage = "(usage: clusterctl usage TENANT [--from DATE] [--to DATE] [--by model|purpose|day] [--csv])";

    private static Timestamp Utc(int year, int month, int day) => Timestamp.FromDateTime(new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void WithoutOptionsAsksForTheServerDefaultPeriodInTotal() =>
        Assert.Equal(new GetUsageRequest { TenantId = "mayo" }, ClusterCtl.Request<GetUsageRequest>("usage", "mayo"));

    [Theory]
    [InlineData("model", UsageGrouping.Model)]
    [InlineData("purpose", UsageGrouping.Purpose)]
    [InlineData("DAY", UsageGrouping.Day)]
    public void ByChoosesTheGrouping(string by, UsageGrouping grouping) =>
        Assert.Equal(grouping, ClusterCtl.Request<GetUsageRequest>("usage", "mayo", "--by", by).GroupBy);

    [Fact]
    public void DateOnlyToCoversThatWholeDay() =>
        Assert.Equal(
            new GetUsageRequest { TenantId = "mayo", From = Utc(2025, 1, 1), To = Utc(2025, 2, 1) },
            ClusterCtl.Request<GetUsageRequest>("usage", "mayo", "--from", "2025-01-01", "--to", "2025-01-31"));

    [Fact]
    public void CsvAndJsonTogetherIsAUsageError() =>
        Assert.Equal($"error: usage: give --csv or --json, not both {Usage}", ClusterCtl.UsageError("usage", "mayo", "--csv", "--json"));

    [Fact]
    public void AnUnknownGroupingIsAUsageError() =>
        Assert.Equal($"error: usage: --by 'week' is not one of model, purpose, day {Usage}", ClusterCtl.UsageError("usage", "mayo", "--by", "week"));

    [Fact]
    public void FromAfterToIsAUsageError() =>
        Assert.Equal($"error: usage: --from must be before --to {Usage}", ClusterCtl.UsageError("usage", "mayo", "--from", "2025-02-01", "--to", "2025-01-01"));

    [Fact]
    public void ABadDateIsAUsageError() =>
        Assert.Equal(
            $"error: usage: --to 'yesterday' is not an ISO-8601 date or time (e.g. 2026-01-31 or 2026-01-31T12:00:00Z) {Usage}",
            ClusterCtl.UsageError("usage", "mayo", "--to", "yesterday"));

    [Fact]
    public void WithoutTenantIsAUsageError() =>
        Assert.Equal($"error: usage: missing TENANT {Usage}", ClusterCtl.UsageError("usage"));
}
