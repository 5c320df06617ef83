using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Storage;

/// <summary>Table clients for the product's own tables (usage, audit), each created on first use.</summary>
public sealed class TableProvider(IOptions<StorageOptions> options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);

    public Task<TableClient> GetAsync(string name) => _tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(async () =>
    {
        var client = new TableClient(options.Value.ConnectionString, n);
        await client.CreateIfNotExistsAsync();
        return client;
    })).Value;
}
