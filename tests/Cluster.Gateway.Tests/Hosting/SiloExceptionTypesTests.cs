namespace Cluster.Gateway.Tests.Hosting;

public sealed class SiloExceptionTypesTests
{
    /// <summary>
    /// A silo's grain storage answers an ETag conflict (storage lost a write: kill -9 of Azurite)
    /// with this type inside InconsistentStateException; a gateway that cannot load it fails to
    /// read the response (TypeLoadException), answers INTERNAL, and later calls on that connection
    /// wait out their timeout (docs/resilience.md, "What is lost on kill -9").
    /// </summary>
    [Fact]
    public void TheGatewayCanReadTheStorageProvidersExceptions() =>
        Assert.NotNull(Type.GetType("Orleans.Storage.TableStorageUpdateConditionNotSatisfiedException, Orleans.Persistence.AzureStorage"));
}
