using Cluster.Grains.Pipelines;
using Cluster.Grains.Tests.Fixtures;

namespace Cluster.Grains.Tests.Pipelines;

/// <summary>config.json checks a pipeline gets before any file is looked at.</summary>
public sealed class PipelineConfigTests
{
    private const string Text = """ "input": [ { "name": "TEXT", "data_type": "TYPE_STRING", "dims": [1] } ] """;
    private const string Embedding = """ "output": [ { "name": "EMBEDDING", "data_type": "TYPE_FP32", "dims": [384] } ] """;
    private const string Parameters = """ "parameters": { "pipeline": { "string_value": "sentence_embedding" }, "encoder": { "string_value": "minilm-l6-v2" } } """;

    [Fact]
    public void ReadAcceptsASentenceEmbeddingPipeline()
    {
        var config = ConfigFolder.Read($$"""{ "platform": "pipeline", "max_batch_size": 4, {{Text}}, {{Embedding}}, {{Parameters}} }""");

        var settings = SentenceEmbeddingSettings.From(config);

        Assert.Equal(new SentenceEmbeddingSettings("TEXT", "EMBEDDING", 384, "minilm-l6-v2", null, 128), settings);
    }

    [Theory]
    [InlineData("""{ "platform": "pipeline", "max_batch_size": 4 }""",
        "a pipeline needs parameter 'pipeline' naming its kind, one of: sentence_embedding.")]
    [InlineData("""{ "platform": "pipeline", "max_batch_size": 4, "parameters": { "pipeline": { "string_value": "sentence_embedding" } }, "input": [ { "name": "TEXT", "data_type": "TYPE_STRING", "dims": [1] } ], "output": [ { "name": "E", "data_type": "TYPE_FP32", "dims": [384] } ] }""",
        "a sentence_embedding pipeline needs parameter 'encoder' naming its encoder model in the repository.")]
    [InlineData("""{ "platform": "pipeline", "max_batch_size": 0, "parameters": { "pipeline": { "string_value": "sentence_embedding" } } }""",
        "a sentence_embedding pipeline batches texts: max_batch_size must be at least 1 (it is 0).")]
    [InlineData("""{ "platform": "pipeline", "max_batch_size": 4, "parameters": { "pipeline": { "string_value": "sentence_embedding" } }, "input": [ { "name": "TEXT", "data_type": "TYPE_STRING", "dims": [-1] } ] }""",
        "a sentence_embedding pipeline declares exactly one input: TYPE_STRING with dims [1] (one text per batch row).")]
    [InlineData("""{ "platform": "pipeline", "max_batch_size": 4, "parameters": { "pipeline": { "string_value": "sentence_embedding" } }, "input": [ { "name": "TEXT", "data_type": "TYPE_STRING", "dims": [1] } ], "output": [ { "name": "E", "data_type": "TYPE_FP16", "dims": [384] } ] }""",
        "a sentence_embedding pipeline declares exactly one output: TYPE_FP32 with dims [N], N the encoder's hidden size.")]
    [InlineData("""{ "platform": "pipeline", "backend": "onnxruntime" }""", "a pipeline has no backend; remove backend 'onnxruntime'.")]
    [InlineData("""{ "platform": "pipeline", "default_model_filename": "x.onnx" }""", "a pipeline has no model file of its own; remove default_model_filename.")]
    [InlineData("""{ "platform": "tensorflow_graphdef" }""", "platform 'tensorflow_graphdef' is not served; only onnxruntime_onnx and pipeline are.")]
    public void ReadRefusesABadPipelineConfig(string json, string reason) => Assert.Equal(reason, ConfigFolder.Refusal(json));

    [Theory]
    [InlineData("max_sequence_length", "1000", "parameter 'max_sequence_length' '1000' must be a whole number from 3 to 512.")]
    [InlineData("max_sequence_length", "-5", "parameter 'max_sequence_length' '-5' must be a whole number from 3 to 512.")]
    [InlineData("encoder_version", "latest", "parameter 'encoder_version' 'latest' is not a positive version number.")]
    [InlineData("encoder_version", "0", "parameter 'encoder_version' '0' is not a positive version number.")]
    [InlineData("encoder", "../outside", "parameter 'encoder' '../outside' is not a model name.")]
    public void ReadRefusesBadPipelineParameters(string parameter, string value, string reason)
    {
        var json = $$"""
            { "platform": "pipeline", "max_batch_size": 4, {{Text}}, {{Embedding}},
              "parameters": { "pipeline": { "string_value": "sentence_embedding" }, "encoder": { "string_value": "minilm-l6-v2" },
                              "{{parameter}}": { "string_value": "{{value}}" } } }
            """;

        Assert.Equal(reason, ConfigFolder.Refusal(json));
    }
}
