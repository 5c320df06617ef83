using Cluster.Grains.Governance;

namespace Cluster.Grains.Repository;

/// <summary>
/// The artifact SHA-256 each model version was first registered with (its governance grain's
/// record), read before a scan so that an artifact whose bytes changed is refused after it is
/// fingerprinted and before ONNX Runtime opens it.
/// </summary>
public sealed class RegisteredDigests
{
    private readonly Dictionary<(string Model, long Version), string> _digests;

    private RegisteredDigests(Dictionary<(string, long), string> digests) => _digests = digests;

    /// <summary>No version registered yet: every artifact is loaded and registered as it is.</summary>
    public static RegisteredDigests None { get; } = new([]);

    public static RegisteredDigests From(IEnumerable<ModelGovernance> models) => new(models
        .SelectMany(m => m.Versions.Where(v => v.ArtifactSha256.Length > 0).Select(v => (Key: (m.Model, v.Version), v.ArtifactSha256)))
        .ToDictionary(p => p.Key, p => p.ArtifactSha256));

    /// <summary>Why <paramref name="sha256"/> cannot be loaded as the version, or null when it matches or the version is new.</summary>
    public string? Refusal(string model, long version, string sha256) =>
        _digests.TryGetValue((model, version), out var registered) && registered != sha256
            ? MismatchReason(version, registered, sha256)
            : null;

    /// <summary>The reason given for a version whose artifact changed since it was registered (also the governance grain's).</summary>
    public static string MismatchReason(long version, string registered, string actual) =>
        $"version {version} was registered with artifact sha256 {registered} but the repository now holds {actual}; versions are immutable, add a new version instead.";
}
