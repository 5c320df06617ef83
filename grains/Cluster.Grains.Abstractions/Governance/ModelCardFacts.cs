namespace Cluster.Grains.Governance;

/// <summary>The model card facts kept with a model version.</summary>
[GenerateSerializer, Immutable, Alias("cluster.ModelCardFacts")]
public sealed record class ModelCardFacts(
    [property: Id(0)] string IntendedUse,
    [property: Id(1)] string TrainingData,
    [property: Id(2)] string Evaluation,
    [property: Id(3)] string Limitations)
{
    public static ModelCardFacts Empty { get; } = new("", "", "", "");
}
