using Google.Protobuf;

namespace Cluster.Onnx;

/// <summary>Reads and writes <c>.onnx</c> files.</summary>
public static class OnnxFile
{
    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/>, streaming, creating the folder.</summary>
    public static void Save(ModelProto model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
            Directory.CreateDirectory(folder);

        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 20);
        model.WriteTo(stream);
    }

    /// <summary>Reads a model written by this library or any other ONNX producer (unknown fields are kept).</summary>
    public static ModelProto Load(string path)
    {
        using var stream = File.OpenRead(path);
        return ModelProto.Parser.ParseFrom(stream);
    }
}
