using System.Text.Json;
using Cluster.Grains.Inference;

namespace Cluster.Gateway.Rest;

/// <summary>Streams an inference response as KServe v2 JSON straight to the response body.</summary>
public sealed class InferenceJsonResult(string model, string version, string id, InferenceResponse response) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(httpContext.Response.Body);
        try
        {
            JsonTensorWriter.Write(writer, model, version, id, response);
        }
        finally
        {
            // The writer holds text, not the outputs: the shard's pooled memory can go back.
            response.Lease?.Dispose();
        }
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
