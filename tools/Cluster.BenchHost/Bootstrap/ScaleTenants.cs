using System.Globalization;
using Cluster.Admin.V1;
using Cluster.Grains.Tenancy;
using Cluster.BenchHost.Options;
using Grpc.Net.Client;

namespace Cluster.BenchHost.Bootstrap;

/// <summary>
/// For <c>--compare scale</c>: <see cref="BenchHostOptions.Tenants"/> tenants made through the admin
/// API as an operator would, tenant <i>i</i> entitled to model copy <i>i</i> mod
/// <see cref="BenchHostOptions.ModelCopies"/> for TREAT with the bench tenant's limits (so every
/// call runs the whole admission path), that copy Approved and approved for it, and a key; written
/// as "KEY MODEL" lines to <see cref="BenchHostOptions.TenantKeysFile"/> for the perf analyzer.
/// </summary>
public static class ScaleTenants
{
    /// <summary>Admin calls in flight while tenants are made.</summary>
    public const int Parallelism = 8;

    public static string Id(int index) => "scale-" + index.ToString("00000", CultureInfo.InvariantCulture);

    public static async Task CreateAsync(GrpcChannel channel, string operatorKey, BenchHostOptions options, CancellationToken cancellationToken)
    {
        var admin = AdminClients.For(channel, operatorKey);
        var models = options.ScaleModels;
        foreach (var model in models)
        {
            await BenchTenant.RetryWhileRegisteringAsync(() => admin.Models.SetLifecycleAsync(
                new SetLifecycleRequest { Model = model, Version = options.ModelVersion, State = LifecycleState.Approved },
                cancellationToken: cancellationToken).ResponseAsync, cancellationToken);
        }

        var lines = new string[options.Tenants];
        await Parallel.ForAsync(0, options.Tenants, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var id = Id(i);
                var model = models[i % models.Count];
                await admin.Tenants.CreateTenantAsync(new CreateTenantRequest { Id = id, DisplayName = $"Scale tenant {i}" }, cancellationToken: ct);
                await admin.Policies.SetPolicyAsync(BenchTenant.Policy(id, [model]), cancellationToken: ct);
                await admin.Models.ApproveModelAsync(new ApproveModelRequest { Model = model, Version = options.ModelVersion, TenantId = id }, cancellationToken: ct);
                var issued = await admin.Keys.IssueKeyAsync(new IssueKeyRequest { TenantId = id, Name = "scale" }, cancellationToken: ct);
                lines[i] = $"{issued.Secret} {model}";
            });
        Directory.CreateDirectory(Path.GetDirectoryName(options.TenantKeysFile)!);
        File.WriteAllLines(options.TenantKeysFile, lines);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(options.TenantKeysFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
