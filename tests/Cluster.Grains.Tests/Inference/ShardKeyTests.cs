using Cluster.Grains.Inference;

namespace Cluster.Grains.Tests.Inference;

public sealed class ShardKeyTests
{
    [Fact]
    public void ToStringAndParseRoundTrip()
    {
        var key = new ShardKey("breast-cancer-risk", 12, 3);

        Assert.Equal("breast-cancer-risk/12/3", key.ToString());
        Assert.Equal(key, ShardKey.Parse(key.ToString()));
    }

    [Theory]
    [InlineData("model/1")]
    [InlineData("model/1/0/extra")]
    [InlineData("model/one/0")]
    [InlineData("model/-1/0")]
    [InlineData("model/+1/0")]
    [InlineData("model/1/ 0")]
    [InlineData("model/1/99999999999")]
    [InlineData("")]
    public void ParseRefusesAKeyNotOfTheFormModelVersionReplica(string key)
    {
        var error = Assert.Throws<FormatException>(() => ShardKey.Parse(key));

        Assert.Equal($"Shard key '{key}' is not of the form model/version/replica.", error.Message);
    }
}
