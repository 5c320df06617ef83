namespace Cluster.Grains.Pipelines;

/// <summary>
/// Sentence-transformers' pooling for all-MiniLM-L6-v2: the mean of the token embeddings over the
/// attention mask (padding excluded), then L2 normalisation, so cosine similarity is a dot product.
/// </summary>
public static class MeanPooling
{
    /// <summary>
    /// Pools <paramref name="hidden"/> [rows, length, dimension] into [rows, dimension] unit vectors.
    /// </summary>
    public static float[] PoolAndNormalize(ReadOnlySpan<float> hidden, TokenBatch batch, int dimension)
    {
        var (rows, length) = (batch.Rows, batch.Length);
        if (hidden.Length != rows * length * dimension)
            throw new ArgumentException($"hidden state holds {hidden.Length} values; [{rows},{length},{dimension}] needs {rows * length * dimension}.", nameof(hidden));
        var result = new float[rows * dimension];
        for (var row = 0; row < rows; row++)
        {
            var pooled = result.AsSpan(row * dimension, dimension);
            var tokens = 0;
            for (var t = 0; t < length; t++)
            {
                if (batch.AttentionMask[row * length + t] == 0) continue;
                tokens++;
                var token = hidden.Slice((row * length + t) * dimension, dimension);
                for (var d = 0; d < dimension; d++) pooled[d] += token[d];
            }
            // sentence-transformers clamps the token count at 1e-9 and the norm at 1e-12.
            var scale = 1f / Math.Max(tokens, 1e-9f);
            var norm = 0.0;
            for (var d = 0; d < dimension; d++)
            {
                pooled[d] *= scale;
                norm += (double)pooled[d] * pooled[d];
            }
            var inverse = (float)(1.0 / Math.Max(Math.Sqrt(norm), 1e-12));
            for (var d = 0; d < dimension; d++) pooled[d] *= inverse;
        }
        return result;
    }
}
