using Cluster.Gateway.Serving;
using Cluster.Grains.Inference;

namespace Cluster.Gateway.DataPlane;

/// <summary>
/// One inference call as a frontend read it, whatever the protocol: what the caller asked for
/// (model, version, stated purpose, id), the tensors, the outputs it wants and Triton's queue
/// parameters. A message the frontend could not read is still a call: it carries the refusal in
/// <see cref="Unreadable"/>, which the data plane raises after governance has resolved the model,
/// so it is audited and answered in the same order as every other refusal.
/// </summary>
public sealed record class InferenceCall(string Model, string Version, string? Purpose, string Id)
{
    public InferenceTensor[] Inputs { get; init; } = [];

    /// <summary>Requested outputs by name; empty asks for every output.</summary>
    public string[] Outputs { get; init; } = [];

    /// <summary>Queue priority level (1 highest; 0 = the model's default).</summary>
    public int Priority { get; init; }

    /// <summary>The longest queue wait in microseconds (0 = none).</summary>
    public long TimeoutMicroseconds { get; init; }

    /// <summary>Why the message could not be read into tensors; null for a readable call.</summary>
    public ServingException? Unreadable { get; init; }

    /// <summary>The shard request for the version governance chose.</summary>
    public InferenceRequest ToRequest(string model, long version, string tenantId, double weight) => new(model, version, Inputs, Outputs)
    {
        TenantId = tenantId,
        Weight = weight,
        Priority = Priority,
        TimeoutMicroseconds = TimeoutMicroseconds,
    };
}
