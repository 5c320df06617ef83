using Cluster.Onnx;

namespace Cluster.Grains.Tests.Fixtures;

/// <summary>A model repository in a fresh temporary folder, deleted again on dispose.</summary>
public sealed class TempRepository : IDisposable
{
    public TempRepository()
    {
        Root = Path.Combine(Path.GetTempPath(), "cluster-grains-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string ModelFolder(string model) => Path.Combine(Root, model);

    public string ModelPath(string model, int version = 1) =>
        Path.Combine(Root, model, version.ToString(System.Globalization.CultureInfo.InvariantCulture), ModelRepositoryWriter.ModelFileName);

    /// <summary>Writes <c>&lt;model&gt;/config.json</c> as given; returns the model folder.</summary>
    public string WriteConfig(string model, string json)
    {
        var folder = ModelFolder(model);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, ModelRepositoryWriter.ConfigFileName), json);
        return folder;
    }

    /// <summary>Writes <c>&lt;model&gt;/&lt;version&gt;/model.onnx</c>.</summary>
    public void WriteModel(string model, ModelProto proto, params int[] versions)
    {
        foreach (var version in versions.Length == 0 ? [1] : versions)
            OnnxFile.Save(proto, ModelPath(model, version));
    }

    /// <summary>Writes arbitrary bytes where model.onnx belongs.</summary>
    public void WriteModelBytes(string model, byte[] bytes, int version = 1)
    {
        var path = ModelPath(model, version);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    public void CreateFolder(params string[] parts) => Directory.CreateDirectory(Path.Combine([Root, .. parts]));

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
