using Cluster.Grains.Repository;
using Cluster.IntegrationTests.Infrastructure;
using Grpc.Core;
using Inference;

namespace Cluster.IntegrationTests.BlobRepository;

/// <summary>
/// A silo reading its repository from a real Azurite blob container: it serves what it mirrored,
/// and a version whose artifact blob is replaced with other bytes is refused, never served.
/// </summary>
public sealed class BlobRepositoryTests(BlobClusterFixture cluster) : IClassFixture<BlobClusterFixture>
{
    private const string Model = TestRepository.BreastCancerRisk;

    [Fact]
    public async Task AModelServedFromTheContainerIsRefusedOnceItsArtifactBlobIsReplacedForTheSameVersion()
    {
        var response = await cluster.Client.ModelInferAsync(Requests.BreastCancer([BreastCancerData.Rows[0]]));
        Assert.Equal((Model, "1"), (response.ModelName, response.ModelVersion));
        var cached = Path.Combine(cluster.CacheFolder, Model, "1", "model.onnx");
        Assert.Equal(File.ReadAllBytes(cluster.ModelPath(Model)), File.ReadAllBytes(cached));
        var repository = cluster.Grains.GetGrain<IModelRepositoryGrain>(IModelRepositoryGrain.DefaultKey);
        var registered = (await repository.GetVersion(Model, 1))!.ArtifactSha256;

        // Same version, other bytes (another valid ONNX model).
        var other = cluster.ModelPath("identity-fp32");
        await cluster.Container.GetBlobClient($"{Model}/1/model.onnx").UploadAsync(other, overwrite: true);
        var snapshot = await repository.Reload();

        var refused = snapshot.Find(Model)!.Find(1)!;
        Assert.Equal(ModelVersionState.Unavailable, refused.State);
        Assert.NotEqual(registered, refused.ArtifactSha256);
        Assert.Contains($"was registered with artifact sha256 {registered} but the repository now holds {refused.ArtifactSha256}", refused.Reason);
        Assert.Equal(File.ReadAllBytes(other), File.ReadAllBytes(cached));

        // The gateways' catalog picks the refusal up within its refresh interval (1 s in tests).
        await Expect.EventuallyRefused(StatusCode.Unavailable,
            () => cluster.Client.ModelInferAsync(Requests.BreastCancer([BreastCancerData.Rows[0]])).ResponseAsync, TimeSpan.FromSeconds(5));
        var index = (await cluster.OperatorInference.RepositoryIndexAsync(new RepositoryIndexRequest())).Models.Single(m => m.Name == Model);
        Assert.Equal("UNAVAILABLE", index.State);
        Assert.Contains("versions are immutable", index.Reason);
        await Expect.Refused(StatusCode.Unavailable, null,
            () => cluster.Client.ModelInferAsync(Requests.BreastCancer([BreastCancerData.Rows[0]])).ResponseAsync, "versions are immutable");
    }
}
