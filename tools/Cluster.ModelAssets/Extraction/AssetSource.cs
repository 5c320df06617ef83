using System.Reflection;

namespace Cluster.ModelAssets.Extraction;

/// <summary>An assembly loaded for its manifest resources, and the files to take from it.</summary>
public sealed record class AssetSource(Assembly Assembly, string AssemblyPath, IReadOnlyList<EmbeddedAsset> Assets);
