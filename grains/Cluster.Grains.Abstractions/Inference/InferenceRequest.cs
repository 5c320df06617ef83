namespace Cluster.Grains.Inference;

/// <summary>One inference call as the gateway forwards it to a shard.</summary>
[GenerateSerializer, Immutable, Alias("cluster.InferenceRequest")]
public sealed record class InferenceRequest(
    [property: Id(0)] string ModelName,
    [property: Id(1)] long ModelVersion,
    [property: Id(2)] InferenceTensor[] Inputs,
    [property: Id(3)] string[] RequestedOutputs)
{
    /// <summary>The tenant the request runs for (fair sharing across tenants in the batcher).</summary>
    [Id(4)] public string TenantId { get; init; } = "";

    /// <summary>The tenant's fair-share weight (from its policy); the batcher treats 0, negative or non-finite as 1.</summary>
    [Id(5)] public double Weight { get; init; } = 1;

    /// <summary>Triton's <c>priority</c> request parameter: 1 is highest; 0 means the model's default.</summary>
    [Id(6)] public int Priority { get; init; }

    /// <summary>Triton's <c>timeout</c> request parameter in microseconds: longest the request may wait in the queue; 0 = none.</summary>
    [Id(7)] public long TimeoutMicroseconds { get; init; }

    /// <summary>The batch size, the first dimension of the first input (1 for a model that does not batch).</summary>
    public long BatchSize(bool batches) => batches && Inputs.Length > 0 && Inputs[0].Shape.Length > 0 ? Inputs[0].Shape[0] : 1;

    public override string ToString() =>
        $"{ModelName}/{ModelVersion} inputs=[{string.Join("; ", Inputs.Select(i => i.ToString()))}]";
}
