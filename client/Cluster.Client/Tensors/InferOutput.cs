namespace Cluster.Client.Tensors;

/// <summary>One decoded output tensor; <see cref="Values"/> as <see cref="TensorDecoder"/> describes them.</summary>
public sealed record class InferOutput(string Name, string Datatype, IReadOnlyList<long> Shape, IReadOnlyList<object> Values);
