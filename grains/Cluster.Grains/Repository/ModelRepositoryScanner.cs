using System.Globalization;
using Cluster.Grains.Onnx;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Repository;

/// <summary>
/// Scans the repository folder into a <see cref="RepositorySnapshot"/>. A model that fails is kept
/// in the index with its reason; the others are unaffected. The snapshot's time comes from the
/// injected <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class ModelRepositoryScanner(
    IOptions<ModelRepositoryOptions> options, ModelVersionLoader loader, TimeProvider time, ILogger<ModelRepositoryScanner> logger)
{
    public RepositorySnapshot Scan(long generation) => Scan(generation, RegisteredDigests.None);

    /// <summary>
    /// Scans the local repository folder (<see cref="ModelRepositoryOptions.LocalRoot"/>); a version
    /// whose artifact differs from its <paramref name="registered"/> digest is refused before it is opened.
    /// </summary>
    public RepositorySnapshot Scan(long generation, RegisteredDigests registered)
    {
        var root = Path.GetFullPath(options.Value.LocalRoot);
        var models = new List<ModelEntry>();
        if (!Directory.Exists(root)) return new RepositorySnapshot([], time.GetUtcNow(), generation);
        foreach (var folder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            if (name.StartsWith('.')) continue;
            var entry = LoadModel(root, folder, name, registered);
            foreach (var v in entry.Versions)
            {
                if (v.IsReady) LogVersionReady(logger, v.Name, v.Version, v.LoadedDevice, v.ArtifactSha256);
                else LogVersionUnavailable(logger, v.Name, v.Version, v.Reason);
            }
            if (entry.Reason.Length > 0) LogModelUnavailable(logger, name, entry.Reason);
            models.Add(entry);
        }
        return new RepositorySnapshot([.. models], time.GetUtcNow(), generation);
    }

    private ModelEntry LoadModel(string root, string folder, string name, RegisteredDigests registered)
    {
        if (!ModelConfigReader.ModelNamePattern().IsMatch(name))
            return new ModelEntry(name, [], "model folder name must match [A-Za-z0-9][A-Za-z0-9._-]{0,127}.");
        ModelConfigFile config;
        try
        {
            config = ModelConfigReader.Read(folder);
        }
        catch (ModelLoadException ex)
        {
            return new ModelEntry(name, [], ex.Message);
        }
        var onDisk = Directory.EnumerateDirectories(folder)
            .Select(Path.GetFileName)
            .Select(v => long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : -1)
            .Where(v => v > 0)
            .ToArray();
        var selected = ModelConfigReader.SelectVersions(config, onDisk);
        var missing = config.VersionPolicy?.Specific?.Versions.Where(v => !onDisk.Contains(v)) ?? [];
        var versions = selected.Concat(missing).Select(v => loader.Load(root, name, config, v, registered)).ToArray();
        return versions.Length == 0
            ? new ModelEntry(name, [], "no version folder (a positive integer holding model.onnx) is selected by the version policy.")
            : new ModelEntry(name, versions, "");
    }

    /// <summary>The model folders a scan will read (valid names only), so their registered digests can be fetched first.</summary>
    public IReadOnlyList<string> ModelNames()
    {
        var root = Path.GetFullPath(options.Value.LocalRoot);
        if (!Directory.Exists(root)) return [];
        return Directory.EnumerateDirectories(root)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => !n.StartsWith('.') && ModelConfigReader.ModelNamePattern().IsMatch(n))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Model {Model} version {Version} ready on {Device}, artifact sha256 {Sha256}")]
    private static partial void LogVersionReady(ILogger logger, string model, long version, string device, string sha256);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Model {Model} version {Version} unavailable: {Reason}")]
    private static partial void LogVersionUnavailable(ILogger logger, string model, long version, string reason);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Model {Model} unavailable: {Reason}")]
    private static partial void LogModelUnavailable(ILogger logger, string model, string reason);
}
