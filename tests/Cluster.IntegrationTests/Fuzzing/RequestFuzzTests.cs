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
/// <c>CLUSTER_FUZZ_COUNT=100000</c> runs the full one (docs/security.md has its result). Each run
/// prints its seed: case i is built from the seed and i, so <c>CLUSTER_FUZZ_SEED</c> replays a run, and
/// a failure names the case's own seed. CsCheck drives the iterations (in parallel) and reports.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RequestFuzzTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    private static long Count(long suite) => long.TryParse(Environment.GetEnvironmentVariable("CLUSTER_FUZZ_COUNT"), out var n) ? n : suite;

    /// <summary>Bytes the fixture's captured log lines hold (UTF-16 characters plus object overhead).</summary>
    private long LogBytes() => cluster.Logs.Lines.Sum(line => 2L * line.Length + 32);

    /// <summary>Case <paramref name="index"/>'s seed: the run's seed and the index mixed (SplitMix64), since System.Random's streams for nearby seeds are alike.</summary>
    private static int CaseSeed(int runSeed, int index)
    {
        var z = unchecked(((ulong)(uint)runSeed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)(z ^ (z >> 31));
    }

    /// <summary>The run's seed: <c>CLUSTER_FUZZ_SEED</c>, else a fresh one (printed either way).</summary>
    private int RunSeed()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CLUSTER_FUZZ_SEED"), out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        output.WriteLine($"seed {seed} (CLUSTER_FUZZ_SEED={seed} replays this run)");
        return seed;
    }

    [Fact]
    public async Task MutatedGrpcRequestsGetPreciseStatusesNeverInternalOrUnknown()
    {
        var count = Count(2_000);
        var statuses = new ConcurrentDictionary<StatusCode, int>();
        var raw = new Method<byte[], byte[]>(MethodType.Unary, "inference.GRPCInferenceService", "ModelInfer", Bytes, Bytes);
        var headers = new Metadata { { "authorization", $"Bearer {cluster.TenantKey}" } };
        var before = GC.GetTotalMemory(forceFullCollection: true) - LogBytes();
        var linesBefore = cluster.Logs.Lines.Count;

        var (runSeed, cases) = (RunSeed(), -1);
        await Gen.Int.SampleAsync(async _ =>
        {
            var seed = CaseSeed(runSeed, Interlocked.Increment(ref cases));
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
        }, writeLine: output.WriteLine, iter: count, threads: 4);

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

        var (runSeed, cases) = (RunSeed(), -1);
        await Gen.Int.SampleAsync(async _ =>
        {
            var seed = CaseSeed(runSeed, Interlocked.Increment(ref cases));
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
        }, writeLine: output.WriteLine, iter: count, threads: 4);

        output.WriteLine($"{count} REST bodies: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))}");
        using var health = await cluster.Http.GetAsync("/v2/health/ready");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
