namespace Cluster.Client.Tensors;

/// <summary>A tensor's datatype, shape or values are not consistent; the message says how (never the data).</summary>
public sealed class TensorFormatException(string message) : FormatException(message);
