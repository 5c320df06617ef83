using System.Collections.Concurrent;
using Cluster.Gateway.Hosting;
using Cluster.Gateway.Metrics;
using Cluster.Grains.Quota;
using Cluster.Gateway.Serving;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Quota;

/// <summary>
/// Admission against tenants' limits from quota leased in chunks (<see cref="TenantQuotaGate"/>):
/// no grain call per request. Hands idle concurrency slots back every
/// <see cref="QuotaOptions.SlotReleaseInterval"/>, and everything unused on shutdown. With G
/// gateways a tenant can be admitted at most G token chunks over its rate and G unit chunks over a
/// volume quota (docs/quota-and-metering.md).
/// </summary>
public sealed partial class QuotaLeaseManager(
    IClusterClient client, GatewayIdentity identity, IOptions<QuotaOptions> options, TenantMetrics metrics, TimeProvider time,
    ILogger<QuotaLeaseManager> logger) : BackgroundService, IAdmissionControl
{
    private readonly ConcurrentDictionary<string, TenantQuotaGate> _gates = new(StringComparer.Ordinal);

    public async ValueTask<Admission> AdmitAsync(string tenantId, TenantLimits limits, long units, CancellationToken cancellationToken = default)
    {
        if (!limits.HasAny) return Admission.Unlimited;
        try
        {
            return await Gate(tenantId).AdmitAsync(limits, units, cancellationToken);
        }
        catch (ServingException ex) when (ex.Code == ServingCode.ResourceExhausted || ex.Reason == ErrorReasons.QuotaUnavailable)
        {
            metrics.Rejected(tenantId, ex.Reason);
            throw;
        }
    }

    private TenantQuotaGate Gate(string tenantId) => _gates.GetOrAdd(tenantId,
        id => new TenantQuotaGate(id, client.GetGrain<ITenantQuota>(id), identity.Id, options.Value, metrics, time));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SlotReleaseInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await ReleaseAndRenewAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Tenant grains renewed or handed slots at once: with many tenants, one after another would take longer than the interval.</summary>
    public const int RenewalParallelism = 32;

    /// <summary>
    /// Hands each tenant's idle slots back; slots still held are renewed, or the tenant grain takes
    /// them back after <c>QuotaLedger.SlotLeaseTtl</c> (what returns the slots of a gateway that was
    /// killed). Tenants holding nothing cost nothing.
    /// </summary>
    internal Task ReleaseAndRenewAsync(CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(_gates.Values, new ParallelOptions { MaxDegreeOfParallelism = RenewalParallelism, CancellationToken = cancellationToken },
            async (gate, _) =>
            {
                var idle = gate.TakeIdleSlots();
                try
                {
                    if (idle > 0) await gate.ReturnAsync(0, 0, idle, time.GetUtcNow());
                    else if (gate.HeldSlots > 0) await gate.RenewAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException) { LogReturnFailed(logger, gate.TenantId, ex.GetType().Name); }
            });

    /// <summary>On a graceful stop, gives every tenant back what this gateway leased and did not use.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Task.WhenAll(_gates.Values.Select(async gate =>
        {
            var (tokens, units, slots, leasedAt) = gate.TakeAll();
            try { await gate.ReturnAsync(tokens, units, slots, leasedAt); }
            catch (Exception ex) { LogReturnFailed(logger, gate.TenantId, ex.GetType().Name); }
        }));
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "Could not return leased quota of tenant {Tenant}: {Error}")]
    private static partial void LogReturnFailed(ILogger logger, string tenant, string error);
}
