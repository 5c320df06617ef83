namespace Cluster.Training;

/// <summary>A trained model with how it was trained and how it did on both parts of the split.</summary>
public sealed record TrainingResult(
    RiskModel Model,
    BinaryMetrics Test,
    BinaryMetrics Train,
    TrainingSettings Settings,
    int NewtonIterations);
