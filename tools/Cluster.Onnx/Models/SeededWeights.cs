namespace Cluster.Onnx;

/// <summary>Reproducible weights: the same seed gives the same model bytes on every machine.</summary>
internal static class SeededWeights
{
    /// <summary>Uniform in [-limit, limit) with He's limit sqrt(6 / fanIn), suited to ReLU layers.</summary>
    public static float[] He(Random random, int fanIn, int fanOut)
    {
        var limit = Math.Sqrt(6.0 / fanIn);
        var weights = new float[checked(fanIn * fanOut)];
        for (var i = 0; i < weights.Length; i++)
            weights[i] = (float)((random.NextDouble() * 2 - 1) * limit);
        return weights;
    }

    /// <summary>Small biases in [-0.1, 0.1).</summary>
    public static float[] Bias(Random random, int count)
    {
        var bias = new float[count];
        for (var i = 0; i < bias.Length; i++)
            bias[i] = (float)((random.NextDouble() * 2 - 1) * 0.1);
        return bias;
    }
}
