using System.Globalization;
using Azure.Data.Tables;

namespace Cluster.Grains.Audit;

/// <summary>
/// Recomputes a chain from its rows, in row-key order: every record's hash from its contents and
/// the hash before it, every link, and no gap in the sequence. The first problem ends the check
/// and names the record. Reads every stored format (binary segments, and the older JSON ones
/// whose records carry their previous hash themselves).
/// </summary>
internal sealed class AuditChainCheck
{
    private long _checked;
    private long _expected;
    private string? _previous;

    /// <summary>Checks one row; the verdict when it breaks the chain, else null.</summary>
    public AuditVerification? Add(TableEntity row)
    {
        try
        {
            return row.GetBinary(AuditSegments.BinaryProperty) is not null ? AddBinary(AuditSegments.ReadBinary(row)) : AddRecords(AuditSegments.Records(row));
        }
        catch (InvalidDataException)
        {
            var first = row.GetInt64("FirstSequence")
                ?? (long.TryParse(row.RowKey[(row.RowKey.LastIndexOf('|') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var key) ? key : _expected + 1);
            return Broken(_expected + 1, $"the segment starting at record {first} is damaged and cannot be read.");
        }
    }

    public AuditVerification Result() => new(true, _checked, 0, "");

    private AuditVerification? AddBinary(BinarySegment segment)
    {
        if (Link(segment.FirstSequence, segment.PreviousHash) is { } broken) return broken;
        var hashes = segment.Hashes();
        var sequence = segment.FirstSequence;
        for (var i = 0; i < hashes.Length; i++, sequence++)
        {
            var (body, tag) = segment.Entries[i];
            AuditRecordCodec.Validate(body.Span);
            if (!Convert.FromHexString(hashes[i].AsSpan(0, 2 * AuditSegments.TagBytes)).AsSpan().SequenceEqual(tag.Span))
                return Broken(sequence, $"record {sequence} was altered: its contents no longer match its hash.");
            Accept(sequence, hashes[i]);
        }
        // Every record matched its tag, so only the row's own last hash can disagree.
        if (_previous != segment.LastHash)
            return Broken(sequence - 1, $"the segment ending at record {sequence - 1} was altered: its last hash does not match its records.");
        return null;
    }

    private AuditVerification? AddRecords(AuditRecord[] records)
    {
        foreach (var record in records)
        {
            if (Link(record.Sequence, record.PreviousHash) is { } broken) return broken;
            if (AuditHash.Compute(record) != record.Hash)
                return Broken(record.Sequence, $"record {record.Sequence} was altered: its contents no longer match its hash.");
            Accept(record.Sequence, record.Hash);
        }
        return null;
    }

    /// <summary>The record at <paramref name="sequence"/> must follow the last one checked, and point at its hash (or start from genesis).</summary>
    private AuditVerification? Link(long sequence, string previousHash)
    {
        if (_previous is not null && sequence != _expected + 1)
            return Broken(_expected + 1, $"record {_expected + 1} is missing (next is {sequence}).");
        if (_previous is not null && !string.Equals(previousHash, _previous, StringComparison.OrdinalIgnoreCase))
            return Broken(sequence, $"record {sequence} does not link to record {sequence - 1}'s hash.");
        if (_previous is null && sequence == 1 && previousHash != AuditHash.Genesis)
            return Broken(sequence, "record 1 does not start from the genesis hash.");
        return null;
    }

    private void Accept(long sequence, string hash)
    {
        _previous = hash;
        _expected = sequence;
        _checked++;
    }

    private AuditVerification Broken(long sequence, string problem) => new(false, _checked, sequence, problem);
}
