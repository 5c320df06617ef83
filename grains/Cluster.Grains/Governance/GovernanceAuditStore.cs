using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Cluster.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Governance;

/// <summary>
/// The governance audit trail: one Azure Table row per change, partitioned by tenant (model-wide
/// changes under <see cref="ModelsPartition"/>), row keys ordered by time. Rows are only ever
/// added. Each row's time (and so its row key) comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class GovernanceAuditStore(IOptions<StorageOptions> options, TimeProvider time)
{
    public const string ModelsPartition = "_models";
    private readonly Lazy<Task<TableClient>> _table = new(async () =>
    {
        var client = new TableClient(options.Value.ConnectionString, options.Value.GovernanceAuditTable);
        await client.CreateIfNotExistsAsync();
        return client;
    });

    public async Task<GovernanceEvent> AppendAsync(Actor actor, string action, string target, string tenantId, object? before, object? after)
    {
        var now = time.GetUtcNow();
        var id = $"{now.UtcTicks:D19}-{Guid.NewGuid():N}";
        var e = new GovernanceEvent(id, now, actor.ToString(), action, target, tenantId,
            before is null ? "" : JsonSerializer.Serialize(before), after is null ? "" : JsonSerializer.Serialize(after));
        var table = await _table.Value;
        await table.AddEntityAsync(new TableEntity(tenantId.Length > 0 ? tenantId : ModelsPartition, id)
        {
            ["Time"] = e.Time,
            ["Actor"] = e.Actor,
            ["Action"] = e.Action,
            ["Target"] = e.Target,
            ["TenantId"] = e.TenantId,
            ["Before"] = e.BeforeJson,
            ["After"] = e.AfterJson,
        });
        return e;
    }

    public async Task<GovernanceEvent[]> ListAsync(string? tenantId, DateTimeOffset? from, DateTimeOffset? to, int limit)
    {
        var table = await _table.Value;
        var filters = new List<string>();
        if (tenantId is not null) filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}"));
        if (from is { } f) filters.Add(TableClient.CreateQueryFilter($"RowKey ge {f.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}"));
        if (to is { } t) filters.Add(TableClient.CreateQueryFilter($"RowKey lt {t.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}"));
        var events = new List<GovernanceEvent>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filters.Count == 0 ? null : string.Join(" and ", filters)))
            {
                events.Add(new GovernanceEvent(row.RowKey, row.GetDateTimeOffset("Time") ?? default, row.GetString("Actor"), row.GetString("Action"),
                    row.GetString("Target"), row.GetString("TenantId"), row.GetString("Before") ?? "", row.GetString("After") ?? ""));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }
        return [.. events.OrderBy(e => e.Id, StringComparer.Ordinal).TakeLast(limit)];
    }
}
