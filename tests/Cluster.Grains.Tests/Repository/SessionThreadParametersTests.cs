using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;
using Cluster.Grains.Tests.Fixtures;

namespace Cluster.Grains.Tests.Repository;

/// <summary>A model's ONNX Runtime thread counts from config.json parameters, in Triton's spellings.</summary>
public sealed class SessionThreadParametersTests
{
    private static Dictionary<string, ModelParameterConfig> Parameters(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => new ModelParameterConfig { StringValue = p.Value });

    [Fact]
    public void NoThreadParametersKeepTheSilosOptions() =>
        Assert.Null(SessionThreadParameters.Read(Parameters(("owner_tenant", "mayo"), ("use_tf32", "1"))));

    [Fact]
    public void BothCountsAreRead()
    {
        var settings = SessionThreadParameters.Read(Parameters(("intra_op_thread_count", "1"), ("inter_op_thread_count", " 4 ")))!;

        Assert.Equal(1, settings.IntraOpThreads);
        Assert.Equal(4, settings.InterOpThreads);
    }

    [Fact]
    public void ZeroLetsOnnxRuntimeChooseAndTheOtherCountStaysTheSilos()
    {
        var settings = SessionThreadParameters.Read(Parameters(("intra_op_thread_count", "0")))!;

        Assert.Equal(0, settings.IntraOpThreads);
        Assert.Null(settings.InterOpThreads);
    }

    [Theory]
    [InlineData("intra_op_thread_count", "-1")]
    [InlineData("intra_op_thread_count", "two")]
    [InlineData("intra_op_thread_count", "1.5")]
    [InlineData("inter_op_thread_count", "1025")]
    [InlineData("inter_op_thread_count", "")]
    public void AnUnusableCountIsRefusedNamingTheKey(string key, string value)
    {
        var reason = $"parameter '{key}' is '{value}'; it must be a whole number from 0 (ONNX Runtime chooses) to 1024.";

        Assert.Equal(reason, Assert.Throws<ModelLoadException>(() => SessionThreadParameters.Read(Parameters((key, value)))).Message);
        Assert.Equal(reason, ConfigFolder.Refusal($$"""{ "parameters": { "{{key}}": { "string_value": "{{value}}" } } }"""));
    }
}
