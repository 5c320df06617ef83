using System.Text.Json;
using Cluster.Grains.Governance;
using Cluster.Grains.Onnx;

namespace Cluster.Grains.Repository;

/// <summary>
/// Reads a version's model card facts from <c>&lt;model&gt;/&lt;version&gt;/card.json</c>, else
/// <c>&lt;model&gt;/card.json</c>: <c>intended_use</c>, <c>training_data</c>, <c>evaluation</c>,
/// <c>limitations</c> (strings). No card is an empty card; a malformed one fails the version.
/// </summary>
public static class ModelCardReader
{
    public const string FileName = "card.json";

    public static ModelCardFacts Read(string modelFolder, string versionFolder)
    {
        var path = new[] { Path.Combine(versionFolder, FileName), Path.Combine(modelFolder, FileName) }.FirstOrDefault(File.Exists);
        if (path is null) return ModelCardFacts.Empty;
        try
        {
            var card = JsonSerializer.Deserialize<CardFile>(File.ReadAllText(path), ModelConfigReader.JsonOptions)
                ?? throw new ModelLoadException($"{FileName} is empty.");
            return new ModelCardFacts(card.IntendedUse ?? "", card.TrainingData ?? "", card.Evaluation ?? "", card.Limitations ?? "");
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException($"{FileName} is not valid: {ex.Message}");
        }
    }

    [System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
    private sealed class CardFile
    {
        public string? IntendedUse { get; set; }
        public string? TrainingData { get; set; }
        public string? Evaluation { get; set; }
        public string? Limitations { get; set; }
    }
}
