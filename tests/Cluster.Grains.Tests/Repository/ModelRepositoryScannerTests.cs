using System.Security.Cryptography;
using Cluster.Grains.Repository;
using Cluster.Grains.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace Cluster.Grains.Tests.Repository;

/// <summary>One scan of a repository full of broken models: each keeps its reason, the good ones still load.</summary>
public sealed class ModelRepositoryScannerTests(BrokenRepositoryFixture repository) : IClassFixture<BrokenRepositoryFixture>
{
    [Fact]
    public void ASnapshotIsStampedWithTheScannersClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 30, 0, TimeSpan.Zero));
        var empty = Directory.CreateTempSubdirectory("scanner-clock-");
        try
        {
            Assert.Equal(clock.GetUtcNow(), GrainServices.Scanner(empty.FullName, clock).Scan(generation: 7).LoadedAt);
            Assert.Equal(clock.GetUtcNow(), GrainServices.Scanner(Path.Combine(empty.FullName, "missing"), clock).Scan(generation: 7).LoadedAt);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public void GoodModelsAreReadyBesideBrokenOnes()
    {
        var simple = repository.Version("good-simple");

        Assert.True(simple.IsReady, simple.Reason);
        Assert.Equal("", simple.Reason);
        Assert.Equal("cpu", simple.LoadedDevice);
        Assert.Equal("cpu", simple.Device);
        Assert.Equal(Path.Combine("good-simple", "1", "model.onnx"), simple.ArtifactPath);
        Assert.True(repository.Version("good-auto-complete").IsReady, repository.Version("good-auto-complete").Reason);
    }

    [Fact]
    public void ReadyVersionsCarryTheSha256AndSizeOfTheirFile()
    {
        var simple = repository.Version("good-simple");
        var bytes = File.ReadAllBytes(Path.Combine(repository.Root, simple.ArtifactPath));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), simple.ArtifactSha256);
        Assert.Equal(bytes.Length, simple.ArtifactBytes);
    }

    [Fact]
    public void SnapshotListsModelsInNameOrderAndSkipsHiddenFolders()
    {
        var names = repository.Snapshot.Models.Select(m => m.Name).ToArray();

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.DoesNotContain(".hidden", names);
        Assert.Equal(1, repository.Snapshot.Generation);
    }

    [Theory]
    [InlineData("datatype-mismatch", "config input 'INPUT0' is TYPE_INT32 but the ONNX model has TYPE_FP32.")]
    [InlineData("output-mismatch", "config output 'OUTPUT0' is TYPE_FP64 but the ONNX model has TYPE_FP32.")]
    [InlineData("rank-mismatch", "config input 'INPUT0' has rank 3 (dims [4,1] plus the batch dimension) but the ONNX model's is 2 [-1,4].")]
    [InlineData("unbatched-rank-mismatch", "config input 'INPUT0' has rank 1 (dims [4]) but the ONNX model's is 2 [-1,4].")]
    [InlineData("dims-mismatch", "config input 'INPUT0' dims [5] do not match the ONNX model's [-1,4].")]
    [InlineData("wrong-input-name", "config input 'INPUT' is not an input of the ONNX model; it has INPUT0.")]
    [InlineData("input-left-out", "the ONNX model's inputs INPUT1 are missing from config.json.")]
    [InlineData("fixed-batch", "max_batch_size is 4 but the ONNX model's input 'INPUT0' has a fixed first dimension 2; a batching model needs a dynamic one.")]
    [InlineData("missing-onnx", "version 1 has no model.onnx.")]
    [InlineData("auto-fixed-batch", "max_batch_size is 4 but the ONNX model's input 'INPUT0' has no dynamic first dimension.")]
    [InlineData("sequence-output", "the ONNX model's output 'OUTPUT0' is a ONNX_TYPE_SEQUENCE, not a tensor; the protocol carries tensors only.")]
    public void AVersionThatDisagreesWithItsModelIsUnavailableWithItsReason(string model, string reason)
    {
        var version = repository.Version(model);

        Assert.Equal(ModelVersionState.Unavailable, version.State);
        Assert.Equal(reason, version.Reason);
        Assert.Equal("", repository.Model(model).Reason);
        Assert.Equal("", version.LoadedDevice);
        Assert.Null(repository.Model(model).LatestReady);
    }

    [Fact]
    public void ACorruptModelFileIsUnavailableWithOnnxRuntimesReason()
    {
        var version = repository.Version("corrupt-onnx");

        Assert.Equal(ModelVersionState.Unavailable, version.State);
        Assert.StartsWith("ONNX Runtime could not load model.onnx: ", version.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', version.Reason);
    }

    [Fact]
    public void AKindGpuModelWithoutCudaIsUnavailableAndSaysSo()
    {
        var version = repository.Version("gpu-only");

        Assert.Equal("cuda:0", version.Device);
        if (Cuda.IsAvailable)
        {
            Assert.True(version.IsReady, version.Reason);
            Assert.Equal("cuda:0", version.LoadedDevice);
            return;
        }
        Assert.Equal(ModelVersionState.Unavailable, version.State);
        Assert.StartsWith("model requires CUDA device 0 but the CUDA execution provider did not load: ", version.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnavailableVersionsKeepTheirConfigAsRead()
    {
        var version = repository.Version("dims-mismatch");

        Assert.Contains("\"dims\":[5]", version.ConfigJson, StringComparison.Ordinal);
        Assert.Empty(version.Inputs);
        Assert.Equal("", version.ArtifactSha256);
    }

    [Fact]
    public void ABrokenConfigFailsTheWholeModelWithItsReason()
    {
        var model = repository.Model("bad-config");

        Assert.Empty(model.Versions);
        Assert.StartsWith("config.json is not valid: ", model.Reason, StringComparison.Ordinal);
        Assert.Contains("'max_batch'", model.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AModelWithNoVersionFolderSaysSo()
    {
        var model = repository.Model("no-versions");

        Assert.Empty(model.Versions);
        Assert.Equal("no version folder (a positive integer holding model.onnx) is selected by the version policy.", model.Reason);
    }

    [Fact]
    public void AFolderNameOutsideThePatternIsRefused()
    {
        var model = repository.Model("bad name");

        Assert.Empty(model.Versions);
        Assert.Equal("model folder name must match [A-Za-z0-9][A-Za-z0-9._-]{0,127}.", model.Reason);
    }
}
