using Cluster.Admin.V1;
using Cluster.BenchHost.Options;
using Cluster.Grains.Tenancy;
using Grpc.Core;
using Grpc.Net.Client;

namespace Cluster.BenchHost.Bootstrap;

/// <summary>
/// Prepares tenant <see cref="Id"/> through the admin API, as an operator would: the tenant, a policy
/// entitling every version of each served model for TREAT (the default purpose) with <see cref="Limits"/>,
/// the version Approved and approved for the tenant, and a key.
/// </summary>
public static class BenchTenant
{
    public const string Id = "bench";

    /// <summary>
    /// Limits on every kind of quota (rate, concurrency, daily and monthly units), each far above what
    /// the bench can reach, so that the governed gateway runs the whole admission path (leased tokens,
    /// units and concurrency slots) without refusing anything.
    /// </summary>
    public static readonly Limits Limits = new()
    {
        RatePerSecond = 1_000_000,
        Burst = 1_000_000,
        Concurrency = 4096,
        DailyUnits = 10_000_000_000,
        MonthlyUnits = 100_000_000_000,
    };

    /// <summary>How long a step is retried while the silo is still registering the repository's versions.</summary>
    public static readonly TimeSpan RegistrationTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs the bootstrap and returns the tenant's key (<c>hsk_...</c>).</summary>
    public static async Task<string> CreateAsync(GrpcChannel channel, string operatorKey, BenchHostOptions options, CancellationToken cancellationToken)
    {
        var admin = AdminClients.For(channel, operatorKey);
        await admin.Tenants.CreateTenantAsync(new CreateTenantRequest { Id = Id, DisplayName = "Benchmark tenant" }, cancellationToken: cancellationToken);

        await admin.Policies.SetPolicyAsync(Policy(Id, options.ServedModels), cancellationToken: cancellationToken);

        foreach (var model in options.ServedModels)
        {
            await RetryWhileRegisteringAsync(() => admin.Models.SetLifecycleAsync(
                new SetLifecycleRequest { Model = model, Version = options.ModelVersion, State = LifecycleState.Approved },
                cancellationToken: cancellationToken).ResponseAsync, cancellationToken);
            await admin.Models.ApproveModelAsync(
                new ApproveModelRequest { Model = model, Version = options.ModelVersion, TenantId = Id }, cancellationToken: cancellationToken);
        }

        var issued = await admin.Keys.IssueKeyAsync(new IssueKeyRequest { TenantId = Id, Name = "bench" }, cancellationToken: cancellationToken);
        return issued.Secret;
    }

    /// <summary>A bench tenant's policy: every version of <paramref name="models"/> for TREAT (the default purpose), with <see cref="Limits"/>.</summary>
    internal static SetPolicyRequest Policy(string tenant, IEnumerable<string> models)
    {
        var policy = new SetPolicyRequest { TenantId = tenant, DefaultPurpose = PurposeOfUse.Treatment, Limits = Limits };
        foreach (var model in models)
            policy.Entitlements.Add(new Cluster.Admin.V1.Entitlement { Model = model, Version = Grains.Tenancy.Entitlement.Any });
        policy.PermittedPurposes.Add(PurposeOfUse.Treatment);
        return policy;
    }

    internal static async Task RetryWhileRegisteringAsync(Func<Task> step, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + RegistrationTimeout;
        while (true)
        {
            try
            {
                await step();
                return;
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition or StatusCode.Unavailable
                                          && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }
}
