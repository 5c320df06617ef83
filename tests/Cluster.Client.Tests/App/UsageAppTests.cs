using System.Text.Json;
using Cluster.Admin.V1;
using Cluster.Client.Tests.Infrastructure;
using Google.Protobuf.WellKnownTypes;

namespace Cluster.Client.Tests.App;

/// <summary><c>usage</c> against <see cref="FakeGrpcHandler"/>: the text table, CSV and its own JSON shape.</summary>
public sealed class UsageAppTests : IDisposable
{
    private const string GetUsage = "/cluster.admin.v1.UsageService/GetUsage";

    private readonly FakeGrpcHandler _server = new();

    public void Dispose() => _server.Dispose();

    private CtlRun Run(params string[] args) => ClusterCtl.Run(_server, null, args);

    private static GetUsageResponse ByModel() => new()
    {
        TenantId = "mayo",
        Requests = 15,
        Units = 42,
        From = Timestamp.FromDateTime(new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc)),
        To = Timestamp.FromDateTime(new DateTime(2025, 3, 4, 5, 7, 7, 250, DateTimeKind.Utc)),
        Rows =
        {
            new UsageRow { Group = "breast-cancer-risk:1", Requests = 12, Units = 12, ComputeNs = 34_500_000, QueueNs = 1_234_567 },
            new UsageRow { Group = "sepsis:3", Requests = 3, Units = 30, ComputeNs = 2_000_000_000, QueueNs = 0 },
        },
    };

    [Fact]
    public void TextIsThePeriodAndATableWithATotalLine()
    {
        _server.Reply(GetUsage, ByModel());
        var run = Run("usage", "mayo", "--by", "model");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                "tenant  mayo",
                "from    2025-03-01T00:00:00Z",
                "to      2025-03-04T05:07:07Z",
                "",
                "MODEL                 REQUESTS  UNITS  COMPUTE MS  QUEUE MS",
                "breast-cancer-risk:1  12        12     34.5        1.235",
                "sepsis:3              3         30     2000        0",
                "total                 15        42     2034.5      1.235",
            ],
            run.StdoutLines);
    }

    [Fact]
    public void UngroupedTextIsTheTotalLineAlone()
    {
        _server.Reply(GetUsage, new GetUsageResponse { TenantId = "mayo", Requests = 7, Units = 9 });
        Assert.Equal(
            ["GROUP  REQUESTS  UNITS  COMPUTE MS  QUEUE MS", "total  7         9      -           -"],
            Run("usage", "mayo").StdoutLines[^2..]);
    }

    [Fact]
    public void CsvIsOneRowPerGroupUnderAFixedHeader()
    {
        var response = ByModel();
        response.Rows.Add(new UsageRow { Group = "odd,name", Requests = 1, Units = 1 });
        _server.Reply(GetUsage, response);
        Assert.Equal(
            [
                "group,requests,units,compute_ms,queue_ms",
                "breast-cancer-risk:1,12,12,34.5,1.235",
                "sepsis:3,3,30,2000,0",
                "\"odd,name\",1,1,0,0",
            ],
            Run("usage", "mayo", "--by", "model", "--csv").StdoutLines);
    }

    [Fact]
    public void UngroupedCsvIsOneTotalRow()
    {
        _server.Reply(GetUsage, new GetUsageResponse { TenantId = "mayo", Requests = 7, Units = 9 });
        Assert.Equal(["group,requests,units,compute_ms,queue_ms", "total,7,9,,"], Run("usage", "mayo", "--csv").StdoutLines);
    }

    [Fact]
    public void JsonHasNumbersNotStrings()
    {
        _server.Reply(GetUsage, ByModel());
        var run = Run("--json", "usage", "mayo", "--by", "model");
        using var document = JsonDocument.Parse(run.Stdout);
        var root = document.RootElement;
        Assert.Equal("mayo", root.GetProperty("tenant").GetString());
        Assert.Equal("2025-03-01T00:00:00Z", root.GetProperty("from").GetString());
        Assert.Equal("2025-03-04T05:07:07.25Z", root.GetProperty("to").GetString());
        Assert.Equal("model", root.GetProperty("by").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("requests").ValueKind);
        Assert.Equal(15, root.GetProperty("requests").GetInt64());
        Assert.Equal(42, root.GetProperty("units").GetInt64());
        var row = root.GetProperty("rows")[0];
        Assert.Equal("breast-cancer-risk:1", row.GetProperty("group").GetString());
        Assert.Equal(12, row.GetProperty("requests").GetInt64());
        Assert.Equal(12, row.GetProperty("units").GetInt64());
        Assert.Equal(34.5, row.GetProperty("computeMs").GetDouble());
        Assert.Equal(1.234567, row.GetProperty("queueMs").GetDouble());
    }

    [Fact]
    public void UngroupedJsonHasNoRowsAndNoGrouping()
    {
        _server.Reply(GetUsage, new GetUsageResponse { TenantId = "mayo", Requests = 7, Units = 9 });
        using var document = JsonDocument.Parse(Run("usage", "mayo", "--json").Stdout);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("by").ValueKind);
        Assert.Equal(0, document.RootElement.GetProperty("rows").GetArrayLength());
        Assert.Equal(7, document.RootElement.GetProperty("requests").GetInt64());
    }
}
