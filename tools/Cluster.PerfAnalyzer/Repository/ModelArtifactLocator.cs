using System.Globalization;
using Google.Protobuf;
using Inference;

namespace Cluster.PerfAnalyzer.Repository;

/// <summary>
/// Finds <c>&lt;repo&gt;/&lt;model&gt;/config.json</c> and <c>&lt;repo&gt;/&lt;model&gt;/&lt;version&gt;/model.onnx</c>,
/// the named version or else the highest numbered folder that holds a model.onnx.
/// </summary>
public static class ModelArtifactLocator
{
    public const string ConfigFileName = "config.json";
    public const string OnnxFileName = "model.onnx";

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <summary>
    /// The model's config and ONNX file. With <paramref name="requireOnnx"/> false (nothing runs it
    /// in-process, e.g. a pipeline model) a missing model.onnx leaves <see cref="ModelArtifact.OnnxPath"/> empty.
    /// </summary>
    public static ModelArtifact Locate(string repository, string model, string? version, bool requireOnnx = true)
    {
        if (!Directory.Exists(repository))
            throw new PerfSetupException($"--repository '{repository}' is not a folder.");
        var modelFolder = Path.Combine(repository, model);
        if (!Directory.Exists(modelFolder))
            throw new PerfSetupException($"model '{model}' has no folder in repository '{repository}'.");

        var config = ReadConfig(Path.Combine(modelFolder, ConfigFileName));
        if (!requireOnnx && (version ?? HighestVersion(modelFolder)) is null)
            return new ModelArtifact(model, version ?? "-", "", config);
        var chosen = version ?? HighestVersion(modelFolder)
            ?? throw new PerfSetupException($"model '{model}' has no numbered version folder holding {OnnxFileName} in '{modelFolder}'.");
        var onnxPath = Path.Combine(modelFolder, chosen, OnnxFileName);
        if (!File.Exists(onnxPath) && !requireOnnx) return new ModelArtifact(model, chosen, "", config);
        if (!File.Exists(onnxPath))
            throw new PerfSetupException($"model '{model}' version {chosen} has no {OnnxFileName} ('{onnxPath}').");
        return new ModelArtifact(model, chosen, onnxPath, config);
    }

    private static ModelConfig ReadConfig(string path)
    {
        if (!File.Exists(path)) throw new PerfSetupException($"'{path}' is missing.");
        try
        {
            return Parser.Parse<ModelConfig>(File.ReadAllText(path));
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new PerfSetupException($"'{path}' is not a valid model config: {ex.Message}");
        }
        catch (InvalidJsonException ex)
        {
            throw new PerfSetupException($"'{path}' is not valid JSON: {ex.Message}");
        }
    }

    private static string? HighestVersion(string modelFolder) =>
        Directory.EnumerateDirectories(modelFolder)
            .Select(Path.GetFileName)
            .Where(name => long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0)
            .Where(name => File.Exists(Path.Combine(modelFolder, name!, OnnxFileName)))
            .OrderByDescending(name => long.Parse(name!, CultureInfo.InvariantCulture))
            .FirstOrDefault();
}
