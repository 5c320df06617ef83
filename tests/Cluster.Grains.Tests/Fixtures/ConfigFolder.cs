using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;

namespace Cluster.Grains.Tests.Fixtures;

/// <summary>Writes one config.json into a temporary model folder and reads it back.</summary>
public static class ConfigFolder
{
    public const string Model = "m";

    public static ModelConfigFile Read(string json)
    {
        using var repository = new TempRepository();
        return ModelConfigReader.Read(repository.WriteConfig(Model, json));
    }

    /// <summary>The reason config.json is refused.</summary>
    public static string Refusal(string json)
    {
        using var repository = new TempRepository();
        var folder = repository.WriteConfig(Model, json);
        return Assert.Throws<ModelLoadException>(() => ModelConfigReader.Read(folder)).Message;
    }
}
