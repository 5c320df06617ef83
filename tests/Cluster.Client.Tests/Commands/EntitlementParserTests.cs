using Cluster.Admin.V1;
using Cluster.Ctl.Commands.Policies;
using Cluster.Ctl.CommandLine;

namespace Cluster.Client.Tests.Commands;

public sealed class EntitlementParserTests
{
    [Theory]
    [InlineData("sepsis", "sepsis", "latest")]
    [InlineData("sepsis:latest", "sepsis", "latest")]
    [InlineData("sepsis:LATEST", "sepsis", "latest")]
    [InlineData("sepsis:*", "sepsis", "*")]
    [InlineData("sepsis:3", "sepsis", "3")]
    [InlineData("sepsis:12", "sepsis", "12")]
    [InlineData("breast-cancer-risk:1", "breast-cancer-risk", "1")]
    public void ReadsNameAndVersion(string text, string model, string version) =>
        Assert.Equal(new Entitlement { Model = model, Version = version }, EntitlementParser.Parse(text));

    [Theory]
    [InlineData(":3", "--model ':3' has no model name")]
    [InlineData("sepsis:", "--model 'sepsis:' has an empty version; use NAME, NAME:VERSION, NAME:latest or NAME:*")]
    [InlineData("sepsis:v2", "--model 'sepsis:v2': version must be a number, 'latest' or '*'")]
    [InlineData("sepsis:-1", "--model 'sepsis:-1': version must be a number, 'latest' or '*'")]
    [InlineData("sepsis:1.0", "--model 'sepsis:1.0': version must be a number, 'latest' or '*'")]
    public void RejectsMalformedSuffixes(string text, string message) =>
        Assert.Equal(message, Assert.Throws<UsageException>(() => EntitlementParser.Parse(text)).Message);

    [Fact]
    public void FormatIsTheInverseOfParse() =>
        Assert.Equal("sepsis:*", EntitlementParser.Format(EntitlementParser.Parse("sepsis:*")));
}
