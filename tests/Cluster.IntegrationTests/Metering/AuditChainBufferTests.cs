using Cluster.Gateway.Audit;
using Cluster.Grains.Audit;

namespace Cluster.IntegrationTests.Metering;

/// <summary>The gateway's per-chain buffer of encoded audit records (logic only: no cluster).</summary>
public sealed class AuditChainBufferTests
{
    [Fact]
    public void RecordsComeBackInOrderInChunksTheChainAccepts()
    {
        var buffer = new AuditChainBuffer();
        for (var i = 0; i < 1000; i++) buffer.Add(new AuditRecord { RequestId = $"r-{i}", Units = i });

        var chunks = buffer.Take();

        Assert.Equal((1000 + AuditChainBuffer.ChunkRecords - 1) / AuditChainBuffer.ChunkRecords, chunks.Count);
        Assert.All(chunks, c => Assert.True(c.Count <= AuditChainBuffer.ChunkRecords && c.Chunk.Length < 85_000));
        var records = chunks.SelectMany(c => AuditRecordCodec.Split(c.Chunk)).Select(b => AuditRecordCodec.Read(b.Span)).ToArray();
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"r-{i}"), records.Select(r => r.RequestId));
        Assert.Equal(chunks.Sum(c => c.Count), records.Length);
        Assert.Empty(buffer.Take());
    }

    [Fact]
    public void ABatchOfTheMostChunksStaysWithinTheChainsAppendLimits()
    {
        // A chunk holds at most ChunkRecords records and ends with the record that reaches ChunkBytes.
        Assert.True(AuditChainBuffer.MaxChunksPerBatch * AuditChainBuffer.ChunkRecords <= IAuditChainGrain.MaxAppend);
        Assert.True(AuditChainBuffer.MaxChunksPerBatch * (AuditChainBuffer.ChunkBytes + 4 + AuditRecordCodec.MaxBodyBytes) <= IAuditChainGrain.MaxAppendBytes);
        Assert.True(AuditChainBuffer.MaxChunksPerBatch >= 40, "a busy gateway's second of records should go in one or two appends");
    }

    [Fact]
    public void AChunkIsCutBeforeItGrowsPastItsByteLimit()
    {
        var buffer = new AuditChainBuffer();
        for (var i = 0; i < 100; i++) buffer.Add(new AuditRecord { RequestId = new string('x', 128), Reason = new string('y', 2000) });

        var chunks = buffer.Take();

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.True(c.Chunk.Length < AuditChainBuffer.ChunkBytes + AuditRecordCodec.MaxBodyBytes + 4));
        Assert.Equal(100, chunks.Sum(c => c.Count));
    }

    [Fact]
    public async Task RecordsFromConcurrentCallersAreEachKeptOnceInTheirOwnOrder()
    {
        var buffer = new AuditChainBuffer();
        var taken = new List<(byte[] Chunk, int Count)>();
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++) buffer.Add(new AuditRecord { RequestId = $"{w}-{i}" });
        })).ToArray();
        while (!writers.All(t => t.IsCompleted))
        {
            taken.AddRange(buffer.Take());
            await Task.Delay(1);
        }
        await Task.WhenAll(writers);
        taken.AddRange(buffer.Take());

        var ids = taken.SelectMany(c => AuditRecordCodec.Split(c.Chunk)).Select(b => AuditRecordCodec.Read(b.Span).RequestId).ToArray();
        Assert.Equal(16_000, ids.Length);
        Assert.Equal(16_000, ids.Distinct().Count());
        foreach (var group in ids.GroupBy(id => id.Split('-')[0]))
            Assert.Equal(Enumerable.Range(0, 2000).Select(i => $"{group.Key}-{i}"), group);
    }
}
