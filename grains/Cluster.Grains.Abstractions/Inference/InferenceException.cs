namespace Cluster.Grains.Inference;

/// <summary>
/// A request the shard or gateway refuses, with the status to answer. Thrown inside one process
/// only; across grain calls it becomes an <see cref="InferenceResponse"/> failure.
/// </summary>
public sealed class InferenceException(InferenceStatus status, string message) : Exception(message)
{
    public InferenceStatus Status { get; } = status;

    public static InferenceException Invalid(string message) => new(InferenceStatus.InvalidArgument, message);
}
