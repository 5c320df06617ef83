namespace Cluster.Training;

/// <summary>The knobs of a training run; the defaults produce the committed model.</summary>
public sealed record TrainingSettings
{
    public const int DefaultSeed = 42;
    public const double DefaultTestFraction = 0.2;

    /// <summary>Seeds the stratified train/test split (the fit itself has no randomness).</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>The share of each class held out for evaluation.</summary>
    public double TestFraction { get; init; } = DefaultTestFraction;

    /// <summary>The L2 penalty on the standardized weights.</summary>
    public double L2 { get; init; } = LogisticRegression.DefaultL2;

    /// <summary>The probability at or above which the model outputs <c>malignant = true</c>.</summary>
    public float Threshold { get; init; } = RiskModel.DefaultThreshold;
}
