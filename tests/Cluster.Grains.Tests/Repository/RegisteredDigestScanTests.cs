using Cluster.Grains.Governance;
using Cluster.Grains.Inference;
using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;
using Cluster.Grains.Tests.Fixtures;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Tests.Repository;

/// <summary>A version whose artifact differs from its registered digest is refused by the scan before ONNX Runtime opens it.</summary>
public sealed class RegisteredDigestScanTests : IDisposable
{
    private const string Model = "breast-cancer-risk";
    private readonly TempRepository _repository = new();

    public RegisteredDigestScanTests()
    {
        var from = Path.Combine(RepoPaths.Models, Model);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(_repository.Root, Model, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
    }

    private static RegisteredDigests Registered(string sha256) =>
        RegisteredDigests.From([new ModelGovernance(Model, "", [new VersionGovernance { Version = 1, ArtifactSha256 = sha256 }])]);

    [Fact]
    public void AnArtifactMatchingItsRegisteredDigestLoads()
    {
        var first = GrainServices.Scan(_repository.Root).Find(Model)!.Find(1)!;

        var again = GrainServices.Scanner(_repository.Root).Scan(2, Registered(first.ArtifactSha256)).Find(Model)!.Find(1)!;

        Assert.True(again.IsReady, again.Reason);
    }

    [Fact]
    public void AnArtifactWhoseDigestDiffersIsUnavailableNamingBothDigests()
    {
        var registered = new string('0', 64);

        var version = GrainServices.Scanner(_repository.Root).Scan(1, Registered(registered)).Find(Model)!.Find(1)!;

        Assert.Equal(ModelVersionState.Unavailable, version.State);
        Assert.Equal(RegisteredDigests.MismatchReason(1, registered, version.ArtifactSha256), version.Reason);
        Assert.Equal(64, version.ArtifactSha256.Length);
        Assert.Equal("", version.LoadedDevice);
        Assert.Empty(version.Inputs);
    }

    [Fact]
    public void ScannerListsOnlyValidVisibleModelNamesForTheDigestLookup()
    {
        _repository.CreateFolder(".hidden");
        _repository.CreateFolder("bad name");

        Assert.Equal([Model], GrainServices.Scanner(_repository.Root).ModelNames());
    }

    [Fact]
    public void AShardOfTheBlobSourceLoadsOnlyTheBytesItsVersionWasScannedWith()
    {
        var version = GrainServices.Scan(_repository.Root).Find(Model)!.Find(1)!;
        var factory = new ModelRunnerFactory(GrainServices.SessionFactory(), Options.Create(new ModelRepositoryOptions
        {
            Source = ModelRepositorySource.AzureBlob,
            Blob = new() { Container = "models", CacheFolder = _repository.Root },
        }));
        using (factory.Create(version, DeviceSpec.Cpu)) { }

        File.AppendAllText(Path.Combine(_repository.Root, version.ArtifactPath), " ");

        var ex = Assert.Throws<ModelLoadException>(() => factory.Create(version, DeviceSpec.Cpu));
        Assert.StartsWith($"version 1 was registered with artifact sha256 {version.ArtifactSha256} but the repository now holds ", ex.Message);
    }

    public void Dispose() => _repository.Dispose();
}
