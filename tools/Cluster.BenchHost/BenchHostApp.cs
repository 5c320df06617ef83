using System.Runtime.InteropServices;
using Cluster.BenchHost.BenchModels;
using Cluster.BenchHost.Bootstrap;
using Cluster.BenchHost.Hosting;
using Cluster.BenchHost.Options;
using Cluster.BenchHost.Perf;

namespace Cluster.BenchHost;

/// <summary>
/// One run: start the cluster, bootstrap tenant <c>bench</c>, print the endpoints, then serve until
/// Ctrl-C or run the perf analyzer once; stop everything it started either way.
/// </summary>
public static class BenchHostApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (BenchHostOptionsParser.WantsHelp(args))
        {
            Console.WriteLine(BenchHostUsage.Text);
            return 0;
        }

        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        try
        {
            var options = BenchHostOptionsParser.Parse(args, RepositoryRoot.Find());
            if (options.WriteBenchModels is { } folder)
            {
                var names = BenchModelRepository.Write(folder, Path.Combine(options.Root, BenchHostOptions.DefaultModelsFolder));
                Console.WriteLine($"{folder}: {string.Join(", ", names)}");
                return 0;
            }
            if (options.Sha256Rounds is { } rounds) return Hashing.Sha256Benchmark.Run(rounds, Console.Out);
            if (options.TimerWaits is { } waits) return await Timing.TimerLatenessBenchmark.RunAsync(waits, Console.Out);

            await using var cluster = await BenchCluster.StartAsync(options, stop.Token);
            var key = await BenchTenant.CreateAsync(cluster.Governed.Channel, cluster.OperatorKey, options, stop.Token);
            TenantKeyFile.Write(options.KeyFile, key);
            foreach (var model in options.ServedModels.Take(options.CompareModel is null ? 1 : 2))
                await ReadinessCheck.WaitAsync(cluster.Governed, model, key, stop.Token);
            await ReadinessCheck.WaitAsync(cluster.GovernanceOnly, options.Model, key, stop.Token);
            await ReadinessCheck.WaitAsync(cluster.Ungoverned, options.Model, key, stop.Token);

            Console.WriteLine($"governed   gRPC {cluster.Governed.GrpcEndpoint}  REST http://127.0.0.1:{cluster.Governed.HttpPort}");
            Console.WriteLine($"governance-only gRPC {cluster.GovernanceOnly.GrpcEndpoint}  REST http://127.0.0.1:{cluster.GovernanceOnly.HttpPort}");
            Console.WriteLine($"ungoverned gRPC {cluster.Ungoverned.GrpcEndpoint}  REST http://127.0.0.1:{cluster.Ungoverned.HttpPort}");
            Console.WriteLine($"tenant '{BenchTenant.Id}' key file: {options.KeyFile}");
            if (options.PerfArguments is null)
            {
                Console.WriteLine("serving; Ctrl-C stops.");
                await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                return 0;
            }

            if (options.Compare == "bare")
            {
                await using var bare = await BareServerProcess.StartAsync(options.BareServer, options.Models, options.Model, options.ModelVersion, stop.Token);
                Console.WriteLine($"bare server gRPC {bare.Endpoint} (gRPC + ONNX Runtime, no Orleans, no batching)");
                var cpu = cluster.CpuArguments.Concat(["--cpu-pid", $"bare={bare.ProcessId}"]).ToArray();
                var arguments = PerfAnalyzerProcess.Arguments(cluster.Governed.GrpcEndpoint, "cluster", bare.Endpoint, "bare", options, cpu);
                return await PerfAnalyzerProcess.RunAsync(arguments, options, stop.Token);
            }

            if (options.Compare == "scale")
            {
                var setup = System.Diagnostics.Stopwatch.StartNew();
                await ScaleTenants.CreateAsync(cluster.Governed.Channel, cluster.OperatorKey, options, stop.Token);
                Console.WriteLine($"{options.Tenants} tenants over {options.ModelCopies} model copies made in {setup.Elapsed.TotalSeconds:0} s; keys in {options.TenantKeysFile}");
                ProcessMemory.Print("after setup", cluster.MemoryTargets);
                var gateway = cluster.Governed.GrpcEndpoint;
                var arguments = PerfAnalyzerProcess.Arguments(gateway, "scale", gateway, "one-tenant", options, cluster.CpuArguments)
                    .Prepend(options.TenantKeysFile).Prepend("--tenant-keys").ToArray();
                var code = await PerfAnalyzerProcess.RunAsync(arguments, options, stop.Token);
                ProcessMemory.Print("after the run", cluster.MemoryTargets);
                return code;
            }

            if (options.Compare == "batching")
            {
                var gateway = cluster.Governed.GrpcEndpoint;
                return await PerfAnalyzerProcess.RunAsync(PerfAnalyzerProcess.Arguments(gateway, "batching", gateway, "no-batching", options), options, stop.Token);
            }

            var (primary, baseline) = options.Compare == "accounting"
                ? (cluster.Governed, cluster.GovernanceOnly)
                : (cluster.GovernanceOnly, cluster.Ungoverned);
            return await PerfAnalyzerProcess.RunAsync(PerfAnalyzerProcess.Arguments(primary, baseline, options, cluster.CpuArguments), options, stop.Token);
        }
        catch (BenchSetupException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            Console.Error.WriteLine(BenchHostUsage.Text);
            return 2;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("stopped.");
            return 130;
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
