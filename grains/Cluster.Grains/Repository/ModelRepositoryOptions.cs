namespace Cluster.Grains.Repository;

/// <summary>Where the model repository lives (configuration section <c>ModelRepository</c>).</summary>
public sealed class ModelRepositoryOptions
{
    public const string SectionName = "ModelRepository";

    /// <summary>
    /// The repository folder, Triton's layout: <c>&lt;root&gt;/&lt;model&gt;/config.json</c> and
    /// <c>&lt;root&gt;/&lt;model&gt;/&lt;version&gt;/model.onnx</c>. Relative paths resolve
    /// against the working directory. Required.
    /// </summary>
    public string Root { get; set; } = "";
}
