namespace Cluster.Grains.Inference;

/// <summary>
/// A shard's answer: the outputs, or a status and a message that names what was wrong (never a
/// tensor's contents). Errors travel as values, not exceptions, so bad input costs no more than a
/// good call.
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.InferenceResponse")]
public sealed record class InferenceResponse(
    [property: Id(0)] InferenceStatus Status,
    [property: Id(1)] string Message,
    [property: Id(2)] InferenceTensor[] Outputs,
    [property: Id(3)] InferenceTimings Timings,
    [property: Id(4)] string Device)
{
    /// <summary>The silo that ran the request.</summary>
    [Id(5)] public string Silo { get; init; } = "";

    /// <summary>
    /// A failure that the shard answered before running any part of the request (it was stopping
    /// and refused its queue, or it was placed where it cannot run): the gateway may send the
    /// request again, to another activation.
    /// </summary>
    [Id(6)] public bool NotRun { get; init; }

    /// <summary>
    /// The claim on the pooled memory <see cref="Outputs"/> are windows on, for a caller in the
    /// shard's own process (no [Id]: never serialized, null after a remote call). See <see cref="IOutputLease"/>.
    /// </summary>
    [field: NonSerialized]
    public IOutputLease? Lease { get; init; }

    public bool IsOk => Status == InferenceStatus.Ok;

    public static InferenceResponse Failure(InferenceStatus status, string message, string device = "") =>
        new(status, message, [], InferenceTimings.Zero, device);

    public override string ToString() => IsOk
        ? $"Ok outputs=[{string.Join("; ", Outputs.Select(o => o.ToString()))}] device={Device}"
        : $"{Status}: {Message}";
}
