namespace Cluster.Grains.Inference.Batching;

/// <summary>A padded axis of a batched input: input <see cref="Input"/> (model order), axis <see cref="Axis"/>, padded to <see cref="Length"/>.</summary>
internal readonly record struct PaddedAxis(int Input, int Axis, long Length);

/// <summary>Several requests joined into one: the request to run, and what cutting its outputs apart needs.</summary>
internal sealed class AssembledBatch(InferenceRequest request, IReadOnlyList<PendingRequest> members, long[] offsets, long rows, PaddedAxis[] padded)
{
    public InferenceRequest Request { get; } = request;
    public IReadOnlyList<PendingRequest> Members { get; } = members;

    /// <summary>Each member's first row in the batch.</summary>
    public long[] Offsets { get; } = offsets;

    public long Rows { get; } = rows;

    /// <summary>The input axes where some member was padded.</summary>
    public PaddedAxis[] Padded { get; } = padded;
}
