namespace Cluster.Grains.Repository;

/// <summary>Whether a model version loaded from the repository can serve.</summary>
public enum ModelVersionState
{
    /// <summary>Its config matched the ONNX model and a session loaded on its device.</summary>
    Ready = 0,

    /// <summary>It failed validation or loading; the reason says why.</summary>
    Unavailable = 1,
}
