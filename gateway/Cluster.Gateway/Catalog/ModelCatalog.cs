using Cluster.Grains.Inference;
using System.Globalization;
using Cluster.Gateway.Serving;
using Cluster.Grains.Repository;

namespace Cluster.Gateway.Catalog;

/// <summary>
/// The gateway's copy of the repository index, refreshed in the background, so resolving a model
/// on the hot path costs no grain call.
/// </summary>
public sealed class ModelCatalog(TimeProvider time)
{
    private volatile RepositorySnapshot? _snapshot;

    /// <summary>True once the first index has arrived.</summary>
    public bool IsLoaded => _snapshot is not null;

    public RepositorySnapshot Snapshot => _snapshot ?? RepositorySnapshot.Empty;

    /// <summary>When the last refresh succeeded.</summary>
    public DateTimeOffset LastRefreshed { get; private set; }

    public void Update(RepositorySnapshot snapshot)
    {
        LastRefreshed = time.GetUtcNow();
        if (_snapshot is null || snapshot.Generation >= _snapshot.Generation || snapshot.LoadedAt > _snapshot.LoadedAt)
            _snapshot = snapshot;
    }

    /// <summary>The model's entry, or NOT_FOUND.</summary>
    public ModelEntry ResolveModel(string name)
    {
        if (string.IsNullOrEmpty(name))
            throw new ServingException(ServingCode.InvalidArgument, ErrorReasons.ModelNotFound, "model name is empty.");
        return Snapshot.Find(name) ?? throw UnknownModel(name);
    }

    /// <summary>The NOT_FOUND for an unknown model; also what another tenant's private model looks like.</summary>
    public ServingException UnknownModel(string name) =>
        new ServingException(ServingCode.NotFound, ErrorReasons.ModelNotFound, $"unknown model '{ClientText.Clip(name)}'.");

    /// <summary>The UNAVAILABLE for a model with no ready version, with its reason.</summary>
    public ServingException Unavailable(ModelEntry model)
    {
        var reason = model.Reason.Length > 0 ? model.Reason : model.Versions.FirstOrDefault()?.Reason ?? "no version loaded.";
        return new ServingException(ServingCode.Unavailable, ErrorReasons.ModelUnavailable, $"model '{model.Name}' has no ready version: {reason}");
    }

    /// <summary>
    /// The version a request names (empty: the newest ready one). NOT_FOUND for an unknown model
    /// or version; UNAVAILABLE, with the reason, for one that failed to load.
    /// </summary>
    public ModelVersionDescriptor Resolve(string name, string version)
    {
        var model = ResolveModel(name);
        if (string.IsNullOrEmpty(version))
        {
            return model.LatestReady ?? throw Unavailable(model);
        }
        if (!long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || model.Find(number) is not { } descriptor)
        {
            var available = string.Join(", ", model.Versions.Select(v => v.VersionText));
            throw new ServingException(ServingCode.NotFound, ErrorReasons.VersionNotFound,
                $"model '{name}' has no version '{ClientText.Clip(version)}'; versions served: {(available.Length > 0 ? available : "none")}.");
        }
        if (!descriptor.IsReady)
            throw new ServingException(ServingCode.Unavailable, ErrorReasons.ModelUnavailable,
                $"model '{name}' version {descriptor.Version} is unavailable: {descriptor.Reason}");
        return descriptor;
    }
}
