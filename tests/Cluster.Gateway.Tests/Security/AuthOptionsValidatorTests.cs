using Cluster.Gateway.Security;

namespace Cluster.Gateway.Tests.Security;

public sealed class AuthOptionsValidatorTests
{
    [Fact]
    public void TheDefaultsAreValid() =>
        Assert.True(new AuthOptionsValidator().Validate(null, new AuthOptions()).Succeeded);

    [Fact]
    public void ASafetyNetRefreshSoonerThanMaxStaleIsRefusedNamingTheKey()
    {
        var result = new AuthOptionsValidator().Validate(null, new AuthOptions { RefreshUnchangedAfter = TimeSpan.FromSeconds(2) });

        Assert.True(result.Failed);
        Assert.Contains("Auth:RefreshUnchangedAfter", result.FailureMessage);
    }
}
