using System.Buffers;
using Cluster.Grains.Audit;

namespace Cluster.Gateway.Audit;

/// <summary>
/// One chain's records waiting for the next flush, already in their compact binary form
/// (<see cref="AuditRecordCodec"/>): a request encodes its record here and keeps no object alive,
/// and the flush ships whole chunks (byte arrays under the large-object threshold) instead of
/// thousands of objects. Thread-safe.
/// </summary>
internal sealed class AuditChainBuffer
{
    /// <summary>A chunk is cut at this many bytes of records.</summary>
    public const int ChunkBytes = 32 * 1024;

    /// <summary>... or at this many records, so that <see cref="MaxChunksPerBatch"/> chunks never pass the chain's append limit.</summary>
    public const int ChunkRecords = IAuditChainGrain.MaxAppend / MaxChunksPerBatch;

    /// <summary>
    /// Chunks per append. A chunk ends with the record that reaches <see cref="ChunkBytes"/>, so it
    /// holds less than that plus one largest record; this many stay under the chain's byte limit.
    /// </summary>
    public const int MaxChunksPerBatch = IAuditChainGrain.MaxAppendBytes / (ChunkBytes + 4 + AuditRecordCodec.MaxBodyBytes);

    private readonly Lock _gate = new();
    private List<(byte[] Chunk, int Count)> _sealed = [];
    private readonly ArrayBufferWriter<byte> _current = new(ChunkBytes + 1024);
    private int _count;

    public void Add(AuditRecord record)
    {
        lock (_gate)
        {
            AuditRecordCodec.Write(_current, record);
            if (++_count >= ChunkRecords || _current.WrittenCount >= ChunkBytes) Seal();
        }
    }

    /// <summary>Everything recorded so far, as chunks in order; the buffer is then empty.</summary>
    public List<(byte[] Chunk, int Count)> Take()
    {
        lock (_gate)
        {
            if (_count > 0) Seal();
            var chunks = _sealed;
            _sealed = [];
            return chunks;
        }
    }

    private void Seal()
    {
        _sealed.Add((_current.WrittenSpan.ToArray(), _count));
        _current.ResetWrittenCount();
        _count = 0;
    }
}
