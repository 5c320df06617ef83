namespace Cluster.BenchHost.Options;

/// <summary>The help text printed by <c>--help</c> and after a bad argument.</summary>
public static class BenchHostUsage
{
    public const string Text = """
        usage: Cluster.BenchHost [options] [--run-perf PERF-ANALYZER-ARGS...]

        Starts Azurite, one silo and three gateways in this process on free loopback ports: 'governed'
        (the product as shipped), 'governance-only' (authentication and governance; quota, metering
        and audit off) and 'ungoverned' (none of them: no credential lookup, no policy or lifecycle checks).
        Creates tenant 'bench' (entitled to --model for TREAT, the version Approved and approved for it),
        writes its key to --key-file, prints both gRPC endpoints, then serves until Ctrl-C.

          --models PATH          model repository the silo serves (default <root>/models)
          --model NAME           model tenant 'bench' may use (default breast-cancer-risk)
          --model-version N      version set to Approved and approved for 'bench' (default 1)
          --key-file PATH        where the tenant key is written (default <root>/.local/bench/bench-tenant.key)
          --perf-analyzer PATH   Cluster.PerfAnalyzer.dll (or its apphost) to run (default: tools/Cluster.PerfAnalyzer/bin/<configuration>/net10.0)
          --compare WHICH        governance (default): governance-only against ungoverned (issue 3);
                                 accounting: governed against governance-only (quota, metering, audit; issue 4);
                                 bare: governed against the bare gRPC + ONNX Runtime server on --model (issue 5);
                                 batching: governed on --model against governed on --compare-model (issue 5)
                                 scale: governed with the calls spread over --tenants tenants and --model-copies
                                 copies of --model, against governed with one tenant and one model (issue 13)
          --tenants N            with --compare scale: tenants (default 1000), tenant i entitled to copy i mod M
          --model-copies M       with --compare scale: deployed copies of --model (default 50)
          --compare-model NAME   with --compare batching: the second model entry, e.g. wide-mlp-nobatch
          --co-hosted            run the governed gateway inside the silo (Silo:HostGateway: no socket or
                                 serializer between it and the shards); the other gateways stay clients
          --extra-model NAME     a further model served and entitled (repeatable), e.g. the encoder of a pipeline
          --bare-server PATH     Cluster.BareServer.dll (or its apphost) to run (default: tools/Cluster.BareServer/bin/<configuration>/net10.0)
          --write-bench-models DIR  write the bench model repository (shipped models linked, wide-mlp generated,
                                 -nobatch twins) into DIR and exit
          --sha256-bench ROUNDS  time the audit path's SHA-256 against .NET's (alternating rounds) and exit
          --timer-bench WAITS    time how late timers fire: .NET's (TimeProvider.System) against the shards'
                                 precise clock, WAITS waits per delay (300 us, 1 ms, 2 ms); then exit
          --run-perf ARGS...     instead of serving, run the perf analyzer once with
                                   --endpoint <primary> --key-file <key> --label <primary>
                                   --compare-endpoint <other> --compare-label <other> --no-baseline
                                   (governance and accounting also --cpu-pid cluster=<this> --cpu-pid storage=<Azurite>)
                                 followed by ARGS (which may override any of them), then stop
          -h, --help             print this text

        Environment variables configure the silo and gateways as usual (e.g. OnnxRuntime__IntraOpThreads=1);
        ports, storage and keys are always the bench host's. AZURITE_BIN names a folder holding azurite-table.
        exit codes: the perf analyzer's with --run-perf; 0 after Ctrl-C; 2 for bad arguments or a failed start.
        """;
}
