namespace Cluster.Onnx;

/// <summary>Writes models into a Triton-style repository: <c>&lt;root&gt;/&lt;model&gt;/config.json</c> and <c>&lt;root&gt;/&lt;model&gt;/&lt;version&gt;/model.onnx</c>.</summary>
public static class ModelRepositoryWriter
{
    public const string ConfigFileName = "config.json";

    public const string ModelFileName = "model.onnx";

    /// <summary>Writes one model version and its config; returns the model's folder.</summary>
    public static string Write(string repositoryRoot, ModelConfig config, ModelProto model, int version = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repositoryRoot);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);

        var modelFolder = Path.Combine(repositoryRoot, config.Name);
        var versionFolder = Path.Combine(modelFolder, version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(versionFolder);
        OnnxFile.Save(model, Path.Combine(versionFolder, ModelFileName));
        File.WriteAllText(Path.Combine(modelFolder, ConfigFileName), config.ToJson() + "\n");
        return modelFolder;
    }
}
