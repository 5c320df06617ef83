using Cluster.Grains.Repository;

namespace Cluster.Grains.Tests.Repository.Blob;

public sealed class BlobRepositoryOptionsValidatorTests
{
    private const string ConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";

    private static string? Failure(BlobRepositoryOptions blob)
    {
        var result = new ModelRepositoryOptionsValidator().Validate(null, new ModelRepositoryOptions { Source = ModelRepositorySource.AzureBlob, Blob = blob });
        return result.Failed ? result.FailureMessage : null;
    }

    [Fact]
    public void AConnectionStringAndAContainerAreEnoughAndNoRootIsNeeded()
    {
        Assert.Null(Failure(new BlobRepositoryOptions { ConnectionString = ConnectionString, Container = "models" }));
    }

    [Fact]
    public void AMissingConnectionStringIsNamedWithItsFallback()
    {
        Assert.Equal("ModelRepository:Blob:ConnectionString (or Storage:ConnectionString) must be set when ModelRepository:Source is AzureBlob.",
            Failure(new BlobRepositoryOptions { Container = "models" }));
    }

    [Fact]
    public void AMalformedConnectionStringIsRefused()
    {
        Assert.StartsWith("ModelRepository:Blob:ConnectionString is not a valid Azure Storage connection string",
            Failure(new BlobRepositoryOptions { ConnectionString = "not a connection string", Container = "models" }));
    }

    [Fact]
    public void AMissingContainerIsNamed()
    {
        Assert.Equal("ModelRepository:Blob:Container must name the blob container when ModelRepository:Source is AzureBlob.",
            Failure(new BlobRepositoryOptions { ConnectionString = ConnectionString }));
    }

    [Theory]
    [InlineData("Models")]
    [InlineData("mo")]
    [InlineData("-models")]
    [InlineData("mod--els")]
    [InlineData("models/")]
    public void ContainerNamesAzureRefusesAreRefusedAtStart(string container)
    {
        Assert.Equal(
            $"ModelRepository:Blob:Container '{container}' is not a container name: 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.",
            Failure(new BlobRepositoryOptions { ConnectionString = ConnectionString, Container = container }));
    }

    [Fact]
    public void TheLocalRootIsTheCacheFolderDefaultingToOnePerContainerUnderTemp()
    {
        var options = new ModelRepositoryOptions { Source = ModelRepositorySource.AzureBlob, Root = "ignored", Blob = new() { Container = "models" } };

        Assert.Equal(Path.Combine(Path.GetTempPath(), "cluster-model-cache", "models"), options.LocalRoot);
        options.Blob.CacheFolder = "/var/cache/models";
        Assert.Equal("/var/cache/models", options.LocalRoot);
        Assert.Equal("ignored", new ModelRepositoryOptions { Root = "ignored" }.LocalRoot);
    }
}
