using System.Text.Json;
using Cluster.Admin.V1;
using Cluster.Client.Tests.Infrastructure;
using Cluster.Ctl.CommandLine;
using Google.Protobuf.WellKnownTypes;

namespace Cluster.Client.Tests.App;

/// <summary><c>audit TENANT</c> and <c>audit verify</c> against <see cref="FakeGrpcHandler"/>: the table, and verify's line and exit code.</summary>
public sealed class AuditAppTests : IDisposable
{
    private const string ListAuditRecords = "/cluster.admin.v1.InferenceAuditService/ListAuditRecords";
    private const string VerifyAuditChain = "/cluster.admin.v1.InferenceAuditService/VerifyAuditChain";

    private static readonly Timestamp Time = Timestamp.FromDateTime(new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc));

    private readonly FakeGrpcHandler _server = new();

    public void Dispose() => _server.Dispose();

    private CtlRun Run(params string[] args) => ClusterCtl.Run(_server, null, args);

    [Fact]
    public void AuditTenantPrintsOneRowPerDecision()
    {
        _server.Reply(ListAuditRecords, new ListAuditRecordsResponse
        {
            Records =
            {
                new InferenceAuditRecord
                {
                    Sequence = 1, Time = Time, Decision = "allowed", StatusCode = 0, Model = "breast-cancer-risk", Version = "1",
                    Purpose = "TREAT", Units = 1, LatencyMs = 3.14159, KeyId = "ab12cd", Hash = "ff00",
                },
                new InferenceAuditRecord
                {
                    Sequence = 2, Time = Time, Decision = "denied", StatusCode = 7, Reason = "PURPOSE_NOT_PERMITTED", Model = "breast-cancer-risk",
                    Purpose = "HRESCH", LatencyMs = 0.2, KeyId = "ab12cd",
                },
                new InferenceAuditRecord { Sequence = 3, Time = Time, Decision = "denied", StatusCode = 16, Reason = "INVALID_CREDENTIAL" },
            },
        });
        var run = Run("audit", "mayo");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                "SEQ  TIME                  DECISION  STATUS             REASON                 MODEL                 PURPOSE  UNITS  LATENCY MS  KEY ID",
                "1    2025-03-04T05:06:07Z  allowed   OK                 -                      breast-cancer-risk:1  TREAT    1      3.142       ab12cd",
                "2    2025-03-04T05:06:07Z  denied    PERMISSION_DENIED  PURPOSE_NOT_PERMITTED  breast-cancer-risk    HRESCH   0      0.2         ab12cd",
                "3    2025-03-04T05:06:07Z  denied    UNAUTHENTICATED    INVALID_CREDENTIAL     -                     -        0      0           -",
            ],
            run.StdoutLines);
    }

    [Fact]
    public void AuditTenantJsonIsTheResponseWithHashes()
    {
        _server.Reply(ListAuditRecords, new ListAuditRecordsResponse { Records = { new InferenceAuditRecord { Sequence = 9, Hash = "ff00", PreviousHash = "ee11" } } });
        using var document = JsonDocument.Parse(Run("audit", "mayo", "--json").Stdout);
        var record = document.RootElement.GetProperty("records")[0];
        Assert.Equal("9", record.GetProperty("sequence").GetString());
        Assert.Equal("ff00", record.GetProperty("hash").GetString());
        Assert.Equal("ee11", record.GetProperty("previousHash").GetString());
    }

    [Fact]
    public void VerifyOfAnIntactChainSaysHowManyRecordsAndExitsZero()
    {
        _server.Reply(VerifyAuditChain, new VerifyAuditChainResponse { Intact = true, RecordsChecked = 12 });
        var run = Run("audit", "verify", "mayo");
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("intact: 12 records\n", run.Stdout);
        Assert.Equal("", run.Stderr);
        Assert.Equal(new VerifyAuditChainRequest { TenantId = "mayo" }, _server.Request<VerifyAuditChainRequest>());
    }

    [Fact]
    public void VerifyOfABrokenChainNamesTheFirstBrokenRecordAndExitsThree()
    {
        _server.Reply(VerifyAuditChain, new VerifyAuditChainResponse
        {
            Intact = false, RecordsChecked = 7, FirstBrokenSequence = 7, Problem = "hash mismatch:\nthe record was changed",
        });
        var run = Run("audit", "verify", "mayo");
        Assert.Equal(ExitCodes.CheckFailed, run.ExitCode);
        Assert.Equal("broken at record 7: hash mismatch: the record was changed\n", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public void VerifyJsonIsTheResponseWithTheSameExitCode()
    {
        _server.Reply(VerifyAuditChain, new VerifyAuditChainResponse { Intact = false, RecordsChecked = 3, FirstBrokenSequence = 2, Problem = "missing record" });
        var run = Run("--json", "audit", "verify", "mayo");
        Assert.Equal(ExitCodes.CheckFailed, run.ExitCode);
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.False(document.RootElement.GetProperty("intact").GetBoolean());
        Assert.Equal("2", document.RootElement.GetProperty("firstBrokenSequence").GetString());
        Assert.Equal("missing record", document.RootElement.GetProperty("problem").GetString());
    }
}
