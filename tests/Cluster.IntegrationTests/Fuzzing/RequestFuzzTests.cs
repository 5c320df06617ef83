using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Cluster.IntegrationTests.Infrastructure;
using CsCheck;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cluster.IntegrationTests.Fuzzing;

/// <summary>
/// Mutated inference requests against the real gateway (gRPC messages, damaged gRPC bytes, REST
/// bodies): every answer is a precise status, never INTERNAL or UNKNOWN or a 5xx other than a full
/// queue's, the gateway keeps serving, and its memory stays bounded. The suite runs a short count;
/// <c>CLUSTER_FUZZ_COUNT=100000</c> runs the full one (docs/performance.md has its result). A
/// failure prints CsCheck's seed, which replays the run.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RequestFuzzTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    private static long Count(long suite) => long.TryParse(Environment.GetEnvironmentVariable("CLUSTER_FUZZ_COUNT"), out var n) ? n : suite;

    /// <summary>Bytes the fixture's captured log lines hold (UTF-16 characters plus object overhead).</summary>
    private long LogBytes() => cluster.Logs.Lines.Sum(line => 2L * line.Length + 32);

    private static string? Seed => Environment.GetEnvironmentVariable("CLUSTER_FUZZ_SEED");

    [Fact]
    public async Task MutatedGrpcRequestsGetPreciseStatusesNeverInternalOrUnknown()
    {
        var count = Count(2_000);
        var statuses = new ConcurrentDictionary<StatusCode, int>();
        var raw = new Method<byte[], byte[]>(MethodType.Unary, "inference.GRPCInferenceService", "ModelInfer", Bytes, Bytes);
        var headers = new Metadata { { "authorization", $"Bearer {cluster.TenantKey}" } };
        var before = GC.GetTotalMemory(forceFullCollection: true) - LogBytes();
        var linesBefore = cluster.Logs.Lines.Count;

        await Gen.Int.SampleAsync(async seed =>
        {
            StatusCode code;
            string detail;
            try
            {
                if ((seed & 3) == 0)
                    await cluster.Channel.CreateCallInvoker().AsyncUnaryCall(raw, null, new CallOptions(headers, DateTime.UtcNow.AddSeconds(20)), FuzzedRequests.Damaged(seed)).ResponseAsync;
                else
                    await cluster.Client.ModelInferAsync(FuzzedRequests.Structured(seed), deadline: DateTime.UtcNow.AddSeconds(20)).ResponseAsync;
                (code, detail) = (StatusCode.OK, "");
            }
            catch (RpcException ex)
            {
                (code, detail) = (ex.StatusCode, ex.Status.Detail);
            }
            statuses.AddOrUpdate(code, 1, (_, n) => n + 1);
            if (code is StatusCode.Internal or StatusCode.Unknown or StatusCode.DataLoss or StatusCode.Unimplemented
                || (code == StatusCode.Unavailable && !detail.Contains("queue", StringComparison.Ordinal)))
                throw new Xunit.Sdk.XunitException($"request of seed {seed} answered {code}: {detail}");
        }, writeLine: output.WriteLine, seed: Seed, iter: count, threads: 4);

        // The fixture keeps every log line of every level in memory (for the no-PHI-in-logs tests):
        // that is the test harness's memory, not the gateway's, so it is subtracted.
        var grown = GC.GetTotalMemory(forceFullCollection: true) - LogBytes() - before;
        output.WriteLine($"{count} gRPC requests (a quarter damaged bytes): {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))}; managed memory {grown / 1_048_576.0:+0.0;-0.0} MiB besides {cluster.Logs.Lines.Count - linesBefore} captured log lines");
        Assert.True(grown < 256L << 20, $"memory grew by {grown >> 20} MiB over {count} fuzzed requests.");
        await cluster.Client.ModelInferAsync(Requests.Fp32Identity()); // still serving
    }

    [Fact]
    public async Task MutatedRestBodiesGetPreciseStatusesNeverA500()
    {
        var count = Count(1_000);
        var statuses = new ConcurrentDictionary<int, int>();

        await Gen.Int.SampleAsync(async seed =>
        {
            var model = FuzzedRequests.Structured(seed).ModelName;
            using var body = new StringContent(FuzzedRequests.Json(seed), Encoding.UTF8, "application/json");
            using var response = await cluster.Http.PostAsync($"/v2/models/{Uri.EscapeDataString(model)}/infer", body);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (status >= 500 && status != (int)HttpStatusCode.GatewayTimeout)
            {
                var text = await response.Content.ReadAsStringAsync();
                if (status != 503 || !text.Contains("queue", StringComparison.Ordinal))
                    throw new Xunit.Sdk.XunitException($"body of seed {seed} answered {status}: {text}");
            }
        }, writeLine: output.WriteLine, seed: Seed, iter: count, threads: 4);

        output.WriteLine($"{count} REST bodies: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))}");
        using var health = await cluster.Http.GetAsync("/v2/health/ready");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
