namespace Cluster.ModelAssets.Extraction;

/// <summary>A model file that cannot be extracted; the message says which and why.</summary>
public sealed class AssetException(string message, Exception? inner = null) : Exception(message, inner);
