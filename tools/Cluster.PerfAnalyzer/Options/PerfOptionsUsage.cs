namespace Cluster.PerfAnalyzer.Options;

/// <summary>The help text printed by <c>--help</c> and after a bad argument.</summary>
public static class PerfOptionsUsage
{
    public const string Text = """
        usage: Cluster.PerfAnalyzer --model NAME [options]

          --endpoint URI[,URI...]           gateway gRPC address (default http://127.0.0.1:8001, plain-text HTTP/2); several:
                                            calls spread over the ready ones (client-side round_robin, grpc.health.v1)
          --model NAME                      model to load (required)
          --version V                       model version (default: server's choice; baseline uses the highest local version)
          --repository PATH                 model repository folder (default models)
          --concurrency N[,N...]            concurrent callers, one measurement each (default 1)
          --batch-size N                    rows per request (default 1)
          --warmup-seconds S                unmeasured load before each window (default 2)
          --measure-seconds S               measured window (default 5)
          --request-timeout-seconds S       deadline of each gRPC call (default 30)
          --connections N                   HTTP/2 connections per endpoint, caller i on connection i mod N (default 1)
          --key-file PATH                   API key sent as 'authorization: Bearer' (else env CLUSTER_API_KEY)
          --purpose-of-use CODE             HL7 PurposeOfUse sent as request parameter purpose_of_use
          --data CSV                        feature rows to send (else generated inputs)
          --seed N                          seed of generated inputs (default 1)
          --shape NAME:D1,D2,...            shape without the batch dimension for an input with -1 dims (repeatable)
          --baseline-intra-op-threads N     ONNX Runtime intra-op threads of the baseline (default 0: ORT chooses)
          --baseline-device D               cpu (default) or cuda:N: the in-process baseline on ONNX Runtime's CUDA provider
          --baseline-only                   measure only the in-process baseline
          --no-baseline                     skip the in-process baseline
          --baseline                        measure it after all (undoes an earlier --no-baseline, e.g. the bench host's)
          --compare-endpoint URI            a second gateway measured in the same run, in windows alternating with --endpoint
          --compare-key-file PATH           API key for --compare-endpoint (default: the --endpoint key)
          --tenant-keys FILE                spread the --endpoint calls over tenants: "KEY MODEL" per line, taken in turn
                                            (the scale benchmark; --key-file then serves --compare-endpoint)
          --label NAME                      name of --endpoint in reports (default cluster)
          --compare-label NAME              name of --compare-endpoint in reports (default compare)
          --rounds N                        turns each endpoint takes per concurrency; the window is split over them (default 3)
          --cpu-pid NAME=PID                with a comparison: also report each process's CPU ms per 1,000 requests on either side
                                            (repeatable; this program is added as 'load'; Linux only)
          --compare-model NAME              model name sent to --compare-endpoint (default --model), e.g. the same model without dynamic batching
          --request-rate R[,R...]           fixed-rate (open-loop) mode: requests/s offered, one measurement each (instead of --concurrency)
          --max-outstanding N               fixed-rate mode: most requests in flight; later ones are not sent and count as failures (default 1024)
          --baseline-batch-sizes B[,B...]   in-process sweep of rows per Run (e.g. 1,2,4,8,16,32); reports the best rows/s
          --baseline-batch-callers N        threads calling Run at once in the sweep (default 1)
          --generated-int-max N             generated integers are drawn from [0, N) (default 10; 2 for token type ids)
          --text FILE                       UTF-8 lines for a model whose one input is BYTES (one line per row)
          --chart OUT.png                   write a PNG chart of latency (p50, p99) against throughput
          --json OUT.json                   write the JSON report
          --markdown OUT.md                 write the Markdown report
          -h, --help                        print this text

        exit codes: 0 measured, no failed request; 1 some cluster requests failed; 2 bad arguments or setup.
        """;
}
