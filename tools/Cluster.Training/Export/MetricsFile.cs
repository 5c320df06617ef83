using System.Text.Json;

namespace Cluster.Training;

/// <summary><c>metrics.json</c>: the held-out evaluation and the facts needed to reproduce it.</summary>
public sealed record MetricsFile(
    string Model,
    string PositiveClass,
    float Threshold,
    int Seed,
    double TestFraction,
    double L2,
    int TrainingRows,
    int TestRows,
    int TestMalignant,
    int TestBenign,
    double Accuracy,
    double Auc,
    double Sensitivity,
    double Specificity,
    int TruePositives,
    int FalsePositives,
    int TrueNegatives,
    int FalseNegatives,
    double TrainingAccuracy,
    double TrainingAuc,
    int NewtonIterations)
{
    public const string FileName = "metrics.json";

    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static MetricsFile From(TrainingResult result) => new(
        Model: RiskModelOnnx.ModelName,
        PositiveClass: "malignant",
        Threshold: result.Model.Threshold,
        Seed: result.Settings.Seed,
        TestFraction: result.Settings.TestFraction,
        L2: result.Settings.L2,
        TrainingRows: result.Train.Rows,
        TestRows: result.Test.Rows,
        TestMalignant: result.Test.Positives,
        TestBenign: result.Test.Negatives,
        Accuracy: result.Test.Accuracy,
        Auc: result.Test.Auc,
        Sensitivity: result.Test.Sensitivity,
        Specificity: result.Test.Specificity,
        TruePositives: result.Test.TruePositives,
        FalsePositives: result.Test.FalsePositives,
        TrueNegatives: result.Test.TrueNegatives,
        FalseNegatives: result.Test.FalseNegatives,
        TrainingAccuracy: result.Train.Accuracy,
        TrainingAuc: result.Train.Auc,
        NewtonIterations: result.NewtonIterations);

    public string ToJson() => JsonSerializer.Serialize(this, s_options);
}
