namespace Cluster.Grains.Onnx;

/// <summary>A model that cannot load; the message is the reason RepositoryIndex shows.</summary>
public sealed class ModelLoadException(string message, Exception? inner = null) : Exception(message, inner);
