namespace Cluster.Grains.Inference;

/// <summary>One inference call as the gateway forwards it to a shard.</summary>
[GenerateSerializer, Immutable, Alias("cluster.InferenceRequest")]
public sealed record class InferenceRequest(
    [property: Id(0)] string ModelName,
    [property: Id(1)] long ModelVersion,
    [property: Id(2)] InferenceTensor[] Inputs,
    [property: Id(3)] string[] RequestedOutputs)
{
    /// <summary>The batch size, the first dimension of the first input (1 for a model that does not batch).</summary>
    public long BatchSize(bool batches) => batches && Inputs.Length > 0 && Inputs[0].Shape.Length > 0 ? Inputs[0].Shape[0] : 1;

    public override string ToString() =>
        $"{ModelName}/{ModelVersion} inputs=[{string.Join("; ", Inputs.Select(i => i.ToString()))}]";
}
