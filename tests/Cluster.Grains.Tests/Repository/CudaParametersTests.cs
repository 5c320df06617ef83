using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;
using Cluster.Grains.Tests.Fixtures;

namespace Cluster.Grains.Tests.Repository;

/// <summary>CUDA execution provider options from config.json parameters, in Triton's spellings.</summary>
public sealed class CudaParametersTests
{
    private static Dictionary<string, ModelParameterConfig> Parameters(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => new ModelParameterConfig { StringValue = p.Value });

    [Fact]
    public void NoCudaParametersMeansOnnxRuntimesDefaults() =>
        Assert.Null(CudaParameters.Read(Parameters(("owner_tenant", "mayo"))));

    [Fact]
    public void EveryOptionIsReadIntoOnnxRuntimesKeys()
    {
        var settings = CudaParameters.Read(Parameters(
            ("cudnn_conv_algo_search", "heuristic"), ("use_tf32", "0"), ("arena_extend_strategy", "1"),
            ("gpu_mem_limit", "8589934592"), ("enable_cuda_graph", "true")))!;

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["device_id"] = "2",
                ["cudnn_conv_algo_search"] = "HEURISTIC",
                ["use_tf32"] = "0",
                ["arena_extend_strategy"] = "kSameAsRequested",
                ["gpu_mem_limit"] = "8589934592",
                ["enable_cuda_graph"] = "1",
            },
            settings.ToProviderOptions(2));
    }

    [Theory]
    [InlineData("0", "EXHAUSTIVE")]
    [InlineData("1", "HEURISTIC")]
    [InlineData("2", "DEFAULT")]
    [InlineData("Default", "DEFAULT")]
    public void ConvAlgoSearchTakesTritonsNumbersAndNames(string value, string expected) =>
        Assert.Equal(expected, CudaParameters.Read(Parameters(("cudnn_conv_algo_search", value)))!.CudnnConvAlgoSearch);

    [Theory]
    [InlineData("cudnn_conv_algo_search", "FASTEST", "parameter 'cudnn_conv_algo_search' is 'FASTEST'; it must be one of EXHAUSTIVE, HEURISTIC, DEFAULT (or 0-2).")]
    [InlineData("cudnn_conv_algo_search", "3", "parameter 'cudnn_conv_algo_search' is '3'; it must be one of EXHAUSTIVE, HEURISTIC, DEFAULT (or 0-2).")]
    [InlineData("use_tf32", "yes", "parameter 'use_tf32' is 'yes'; it must be 1, 0, true or false.")]
    [InlineData("arena_extend_strategy", "grow", "parameter 'arena_extend_strategy' is 'grow'; it must be one of kNextPowerOfTwo, kSameAsRequested (or 0-1).")]
    [InlineData("gpu_mem_limit", "-1", "parameter 'gpu_mem_limit' is '-1'; it must be a number of bytes above 0.")]
    [InlineData("gpu_mem_limit", "0", "parameter 'gpu_mem_limit' is '0'; it must be a number of bytes above 0.")]
    [InlineData("enable_cuda_graph", "2", "parameter 'enable_cuda_graph' is '2'; it must be 1, 0, true or false.")]
    public void AnUnusableValueIsRefusedNamingTheKey(string key, string value, string reason)
    {
        Assert.Equal(reason, Assert.Throws<ModelLoadException>(() => CudaParameters.Read(Parameters((key, value)))).Message);
        Assert.Equal(reason, ConfigFolder.Refusal($$"""{ "parameters": { "{{key}}": { "string_value": "{{value}}" } } }"""));
    }
}
