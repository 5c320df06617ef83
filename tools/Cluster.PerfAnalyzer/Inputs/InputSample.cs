namespace Cluster.PerfAnalyzer.Inputs;

/// <summary>The tensors of one request, in the order of <see cref="ModelInputs.Specs"/>.</summary>
public sealed record InputSample(IReadOnlyList<TensorBuffer> Tensors);
