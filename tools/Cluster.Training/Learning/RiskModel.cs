namespace Cluster.Training;

/// <summary>
/// The deployable model: standardization then logistic regression, with every parameter held as
/// the float32 value that the ONNX export stores, so predictions here and in ONNX Runtime agree.
/// </summary>
public sealed class RiskModel
{
    /// <summary>The probability at or above which the model flags a sample as malignant.</summary>
    public const float DefaultThreshold = 0.5f;

    public RiskModel(Standardizer standardizer, LogisticRegression regression, float threshold = DefaultThreshold)
    {
        Mean = [.. standardizer.Mean.Select(value => (float)value)];
        Scale = [.. standardizer.Scale.Select(value => (float)value)];
        Weights = [.. regression.Weights.Select(value => (float)value)];
        Bias = (float)regression.Bias;
        Threshold = threshold;
    }

    public float[] Mean { get; }

    public float[] Scale { get; }

    public float[] Weights { get; }

    public float Bias { get; }

    public float Threshold { get; }

    public int FeatureCount => Weights.Length;

    /// <summary>P(malignant) for one row of raw features in the data set's column order.</summary>
    public double PredictProbability(IReadOnlyList<double> features)
    {
        double z = Bias;
        for (var j = 0; j < Weights.Length; j++)
            z += Weights[j] * (((float)features[j] - Mean[j]) / Scale[j]);
        return LogisticRegression.Sigmoid(z);
    }

    public bool PredictMalignant(IReadOnlyList<double> features) => PredictProbability(features) >= Threshold;
}
