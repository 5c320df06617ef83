namespace Cluster.Onnx;

/// <summary>Where a model's instances run (Triton's <c>instance_group.kind</c>).</summary>
public enum InstanceKind
{
    /// <summary><c>KIND_AUTO</c>: a GPU where the node has one, else the CPU.</summary>
    Auto,

    /// <summary><c>KIND_CPU</c>.</summary>
    Cpu,

    /// <summary><c>KIND_GPU</c>.</summary>
    Gpu,
}
