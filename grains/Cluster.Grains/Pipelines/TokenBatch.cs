namespace Cluster.Grains.Pipelines;

/// <summary>
/// A batch of tokenised texts padded to its longest: row-major [rows, length] INT64 tensors, as a
/// BERT encoder takes them. Padding positions have id [PAD] and attention mask 0.
/// </summary>
public sealed record class TokenBatch(int Rows, int Length, long[] InputIds, long[] AttentionMask, long[] TokenTypeIds)
{
    public long[] Shape => [Rows, Length];

    /// <summary>The number of real (unpadded) tokens in a row.</summary>
    public int TokenCount(int row)
    {
        var count = 0;
        foreach (var m in AttentionMask.AsSpan(row * Length, Length)) count += (int)m;
        return count;
    }
}
