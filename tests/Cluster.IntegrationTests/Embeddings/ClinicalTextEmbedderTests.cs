using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cluster.IntegrationTests.Infrastructure;
using Inference;

namespace Cluster.IntegrationTests.Embeddings;

/// <summary>The clinical-text-embedder pipeline and its encoder through the whole serving path.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClinicalTextEmbedderTests(ClusterFixture cluster)
{
    [Fact]
    public async Task GrpcInferEmbedsTheExampleSentenceToThePublishedVector()
    {
        var response = await cluster.Client.ModelInferAsync(EmbeddingRequests.Raw(EmbeddingRequests.ExampleSentence));

        Assert.Equal((EmbeddingModels.Embedder, "1"), (response.ModelName, response.ModelVersion));
        EmbeddingRequests.AssertIsTheExampleEmbedding(Assert.Single(EmbeddingRequests.Rows(response)));
    }

    [Fact]
    public async Task TypedBytesContentsAnswerLikeRawContents()
    {
        var typed = await cluster.Client.ModelInferAsync(EmbeddingRequests.Typed(EmbeddingRequests.ExampleSentence, "Fever."));
        var raw = await cluster.Client.ModelInferAsync(EmbeddingRequests.Raw(EmbeddingRequests.ExampleSentence, "Fever."));

        Assert.Equal(raw.RawOutputContents[0], typed.RawOutputContents[0]);
        EmbeddingRequests.AssertIsTheExampleEmbedding(EmbeddingRequests.Rows(typed)[0]);
    }

    [Fact]
    public async Task ParaphrasedClinicalSentencesScoreHigherThanUnrelatedOnes()
    {
        var rows = EmbeddingRequests.Rows(await cluster.Client.ModelInferAsync(EmbeddingRequests.Raw(
            "The patient has a fever and a cough.",
            "Patient presents with cough and elevated temperature.",
            "The quarterly invoice is due on Friday.")));

        var paraphrase = EmbeddingRequests.Dot(rows[0], rows[1]);
        Assert.True(paraphrase > EmbeddingRequests.Dot(rows[0], rows[2]) && paraphrase > EmbeddingRequests.Dot(rows[1], rows[2]),
            $"paraphrase cosine {paraphrase:F3}; unrelated {EmbeddingRequests.Dot(rows[0], rows[2]):F3}, {EmbeddingRequests.Dot(rows[1], rows[2]):F3}");
    }

    [Fact]
    public async Task RestInferEmbedsTheExampleSentenceLikeGrpc()
    {
        var body = new JsonObject
        {
            ["id"] = "embed-1",
            ["inputs"] = new JsonArray(new JsonObject
            {
                ["name"] = "TEXT",
                ["shape"] = new JsonArray(1, 1),
                ["datatype"] = "BYTES",
                ["data"] = new JsonArray(EmbeddingRequests.ExampleSentence),
            }),
        };

        using var http = await cluster.Http.PostAsJsonAsync($"/v2/models/{EmbeddingModels.Embedder}/infer", body);

        http.EnsureSuccessStatusCode();
        var json = JsonNode.Parse(await http.Content.ReadAsStringAsync())!;
        Assert.Equal("embed-1", (string?)json["id"]);
        var output = Assert.Single(json["outputs"]!.AsArray())!;
        Assert.Equal(("EMBEDDING", "FP32"), ((string?)output["name"], (string?)output["datatype"]));
        Assert.Equal([1L, EmbeddingRequests.Dimension], output["shape"]!.AsArray().Select(d => (long)d!).ToArray());
        var rest = output["data"]!.AsArray().Select(v => (float)v!).ToArray();
        EmbeddingRequests.AssertIsTheExampleEmbedding(rest);
        var grpc = EmbeddingRequests.Rows(await cluster.Client.ModelInferAsync(EmbeddingRequests.Raw(EmbeddingRequests.ExampleSentence)))[0];
        Assert.Equal(grpc, rest);
    }

    [Fact]
    public async Task MetadataDescribesTextInAndEmbeddingOut()
    {
        var metadata = await cluster.Client.ModelMetadataAsync(new ModelMetadataRequest { Name = EmbeddingModels.Embedder });

        Assert.Equal("pipeline", metadata.Platform);
        var input = Assert.Single(metadata.Inputs);
        Assert.Equal(("TEXT", "BYTES", "-1,1"), (input.Name, input.Datatype, string.Join(',', input.Shape)));
        var output = Assert.Single(metadata.Outputs);
        Assert.Equal(("EMBEDDING", "FP32", "-1,384"), (output.Name, output.Datatype, string.Join(',', output.Shape)));
    }

    [Fact]
    public async Task TheRawEncoderAnswersLastHiddenStateOfShapeOneBySequenceBy384()
    {
        // "This is an example sentence" in bert-base-uncased ids, with [CLS] and [SEP].
        long[] ids = [101, 2023, 2003, 2019, 2742, 6251, 102];
        byte[] Int64(IEnumerable<long> values) => values.SelectMany(BitConverter.GetBytes).ToArray();
        var request = Requests.Raw(EmbeddingModels.Encoder,
            ("input_ids", "INT64", [1, ids.Length], Int64(ids)),
            ("attention_mask", "INT64", [1, ids.Length], Int64(ids.Select(_ => 1L))),
            ("token_type_ids", "INT64", [1, ids.Length], Int64(ids.Select(_ => 0L))));

        var response = await cluster.Client.ModelInferAsync(request);

        var output = Assert.Single(response.Outputs);
        Assert.Equal(("last_hidden_state", "FP32"), (output.Name, output.Datatype));
        Assert.Equal([1L, ids.Length, 384], output.Shape.ToArray());
        Assert.Equal(ids.Length * 384 * 4, response.RawOutputContents[0].Length);
    }

    [Fact]
    public async Task TheTextNeverReachesTheLogs()
    {
        const string note = "Patient MRN-55443322 reports chest pain";
        await cluster.Client.ModelInferAsync(EmbeddingRequests.Raw(note));

        var logs = string.Join('\n', cluster.Logs.Lines);
        Assert.DoesNotContain("MRN-55443322", logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("chest pain", logs, StringComparison.OrdinalIgnoreCase);
    }
}
