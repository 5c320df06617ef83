using Cluster.Grains.Governance;

namespace Cluster.Grains.Tests.Governance;

public sealed class VersionGovernanceTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(1_000)]
    public void ATenantIsApprovedExactlyWhenListedWhateverTheListsLength(int tenants)
    {
        var approved = Enumerable.Range(0, tenants).Select(i => $"tenant-{i}").ToArray();
        var version = new VersionGovernance { Version = 1, ApprovedTenants = approved };

        Assert.All(approved, t => Assert.True(version.IsApprovedFor(t)));
        Assert.False(version.IsApprovedFor($"tenant-{tenants}"));
        Assert.False(version.IsApprovedFor("TENANT-0"));
        Assert.False(version.IsApprovedFor(""));
    }

    [Fact]
    public void ApprovedForAllApprovesAnyTenantAndAnUpdatedListIsReadAfresh()
    {
        var many = Enumerable.Range(0, 50).Select(i => $"tenant-{i}").ToArray();
        var version = new VersionGovernance { Version = 1, ApprovedTenants = many };
        Assert.True(version.IsApprovedFor("tenant-7"));

        var revoked = version with { ApprovedTenants = [.. many.Where(t => t != "tenant-7")] };

        Assert.False(revoked.IsApprovedFor("tenant-7"));
        Assert.True(revoked.IsApprovedFor("tenant-8"));
        Assert.True((version with { ApprovedForAll = true }).IsApprovedFor("anyone"));
        Assert.Equal(version, version with { ApprovedTenants = many });
    }
}
