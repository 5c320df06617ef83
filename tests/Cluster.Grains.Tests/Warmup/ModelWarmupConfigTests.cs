using Cluster.Grains.Repository;
using Cluster.Grains.Tests.Fixtures;

namespace Cluster.Grains.Tests.Warmup;

/// <summary>Triton's <c>model_warmup</c> in config.json: read into samples, each mistake refused by name.</summary>
public sealed class ModelWarmupConfigTests
{
    private const string Inputs = """
        "max_batch_size": 8,
        "input": [ { "name": "ids", "data_type": "TYPE_INT64", "dims": [-1] }, { "name": "x", "data_type": "TYPE_FP32", "dims": [4] } ],
        """;

    private static string Config(string warmup) => "{ " + Inputs + " \"model_warmup\": [ " + warmup + " ] }";

    [Fact]
    public void SamplesCarryTheBatchDimensionAndTheDataChoice()
    {
        var config = ConfigFolder.Read(Config("""
            { "name": "full", "batch_size": 8, "count": 3, "inputs": {
                "ids": { "data_type": "TYPE_INT64", "dims": [128], "zero_data": true },
                "x": { "data_type": "TYPE_FP32", "dims": [4], "random_data": true } } }
            """));

        var sample = Assert.Single(ModelWarmupCheck.Samples(config));

        Assert.Equal(("full", 8, 3), (sample.Name, sample.BatchSize, sample.Count));
        Assert.Equal(("ids", "INT64", false), (sample.Inputs[0].Name, sample.Inputs[0].DataType, sample.Inputs[0].Random));
        Assert.Equal([8L, 128L], sample.Inputs[0].Shape);
        Assert.Equal([8L, 4L], sample.Inputs[1].Shape);
        Assert.True(sample.Inputs[1].Random);
    }

    [Fact]
    public void AConfigWithoutWarmupHasNoSamples() =>
        Assert.Empty(ModelWarmupCheck.Samples(ConfigFolder.Read("{ " + Inputs.TrimEnd().TrimEnd(',') + " }")));

    [Theory]
    [InlineData("""{ "name": "s", "count": 0, "inputs": { "x": { "data_type": "TYPE_FP32", "dims": [4], "zero_data": true } } }""",
        "model_warmup 's' count is 0; it must lie between 1 and 100.")]
    [InlineData("""{ "name": "s", "batch_size": 9, "inputs": { "x": { "data_type": "TYPE_FP32", "dims": [4], "zero_data": true } } }""",
        "model_warmup 's' batch_size is 9; it must lie between 1 and max_batch_size 8.")]
    [InlineData("""{ "inputs": { "y": { "data_type": "TYPE_FP32", "dims": [4], "zero_data": true } } }""",
        "model_warmup[0] input 'y' is not an input of the model.")]
    [InlineData("""{ "name": "s", "inputs": { "x": { "data_type": "TYPE_FP32", "dims": [4], "input_data_file": "x.bin" } } }""",
        "model_warmup 's' input 'x' uses input_data_file, which is not served; use zero_data or random_data.")]
    [InlineData("""{ "name": "s", "inputs": { "x": { "data_type": "TYPE_FP32", "dims": [4], "zero_data": true, "random_data": true } } }""",
        "model_warmup 's' input 'x' must set exactly one of zero_data and random_data.")]
    [InlineData("""{ "name": "s", "inputs": { "x": { "data_type": "TYPE_FP32", "dims": [4] } } }""",
        "model_warmup 's' input 'x' must set exactly one of zero_data and random_data.")]
    [InlineData("""{ "name": "s", "inputs": { "x": { "data_type": "TYPE_INT32", "dims": [4], "zero_data": true } } }""",
        "model_warmup 's' input 'x' is TYPE_INT32 but the model's input is TYPE_FP32.")]
    [InlineData("""{ "name": "s", "inputs": { "x": { "data_type": "TYPE_FP32", "dims": [5], "zero_data": true } } }""",
        "model_warmup 's' input 'x' dims [5] do not fit the model's [4].")]
    [InlineData("""{ "name": "s", "inputs": { "ids": { "data_type": "TYPE_INT64", "dims": [-1], "zero_data": true } } }""",
        "model_warmup 's' input 'ids' dims must be concrete sizes (0 or more).")]
    [InlineData("""{ "name": "s", "inputs": { } }""", "model_warmup 's' has no inputs.")]
    [InlineData("""{ "name": "s", "inputs": { "x": { "data_type": "TYPE_FP32", "dims": [4], "zero_data": true, "seed": 3 } } }""", null)]
    public void EachWarmupMistakeIsRefusedNamingTheSample(string sample, string? reason)
    {
        var refusal = ConfigFolder.Refusal(Config(sample));
        if (reason is null) Assert.StartsWith("config.json is not valid: ", refusal, StringComparison.Ordinal);
        else Assert.Equal(reason, refusal);
    }
}
