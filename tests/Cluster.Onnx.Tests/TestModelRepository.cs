namespace Cluster.Onnx.Tests;

/// <summary>Writes the test models once into a temporary repository shared by a test class.</summary>
public sealed class TestModelRepository : IDisposable
{
    public TestModelRepository()
    {
        Root = Path.Combine(Path.GetTempPath(), "cluster-onnx-tests-" + Guid.NewGuid().ToString("N"));
        TestModels.WriteAll(Root);
    }

    public string Root { get; }

    public string ModelPath(string model) => Path.Combine(Root, model, "1", ModelRepositoryWriter.ModelFileName);

    public string ConfigPath(string model) => Path.Combine(Root, model, ModelRepositoryWriter.ConfigFileName);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
