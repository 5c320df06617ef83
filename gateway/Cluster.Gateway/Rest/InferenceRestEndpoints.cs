using System.Text.Json;
using Cluster.Gateway.Catalog;
using Cluster.Gateway.DataPlane;
using Cluster.Gateway.Grpc;
using Cluster.Gateway.Health;
using Cluster.Gateway.Hosting;
using Cluster.Grains.Repository;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;

namespace Cluster.Gateway.Rest;

/// <summary>The KServe v2 HTTP/REST protocol (<c>/v2/...</c>) over the same data plane as gRPC.</summary>
public static class InferenceRestEndpoints
{
    public static IEndpointRouteBuilder MapInferenceRest(this IEndpointRouteBuilder app, string host)
    {
        var v2 = app.MapGroup("/v2").RequireHost(host);
        v2.MapGet("", () => Results.Json(new { name = ServerInfo.Name, version = ServerInfo.Version, extensions = ServerInfo.Extensions }));
        v2.MapGet("/health/live", () => Results.Ok());
        v2.MapGet("/health/ready", (GatewayReadiness r) => r.IsReady ? Results.Ok() : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        v2.MapPost("/repository/index", (ModelCatalog catalog, HttpContext http) => Guard(async () =>
        {
            var ready = false;
            if (http.Request.ContentLength > 0)
            {
                using var doc = await ReadJson(http);
                ready = doc.RootElement.TryGetProperty("ready", out var r) && r.ValueKind == JsonValueKind.True;
            }
            return Results.Json(RepositoryIndexEntries.From(catalog.Snapshot, ready)
                .Select(e => new { name = e.Name, version = e.Version, state = e.State, reason = e.Reason }));
        }));
        v2.MapGet("/models/stats", (StatisticsCollector s, HttpContext http) => Guard(() => Stats(s, "", "", http)));

        foreach (var prefix in new[] { "/models/{name}", "/models/{name}/versions/{version}" })
        {
            var model = v2.MapGroup(prefix);
            model.MapGet("", (ModelCatalog c, string name, string? version) => Guard(() => Task.FromResult(Metadata(c, name, version ?? ""))));
            model.MapGet("/ready", (ModelCatalog c, string name, string? version) => Guard(() => Task.FromResult(Ready(c, name, version ?? ""))));
            model.MapGet("/config", (ModelCatalog c, string name, string? version) => Guard(() => Task.FromResult(
                Results.Text(c.Resolve(name, version ?? "").ConfigJson, "application/json"))));
            model.MapGet("/stats", (StatisticsCollector s, string name, string? version, HttpContext http) => Guard(() => Stats(s, name, version ?? "", http)));
            model.MapPost("/infer", (ModelCatalog c, InferenceDataPlane d, string name, string? version, HttpContext http) =>
                Guard(() => Infer(c, d, name, version ?? "", http)));
        }
        return app;
    }

    private static async Task<IResult> Infer(ModelCatalog catalog, InferenceDataPlane dataPlane, string name, string version, HttpContext http)
    {
        catalog.ResolveModel(name);
        using var body = await ReadJson(http);
        string id = "";
        var (model, response) = await dataPlane.InferAsync(name, version, body.RootElement, (m, json) =>
        {
            var read = JsonTensorReader.Read(m, json);
            id = read.Id;
            return read.Request;
        }, http.RequestAborted);
        return new InferenceJsonResult(model.Name, model.VersionText, id, response);
    }

    private static IResult Metadata(ModelCatalog catalog, string name, string version)
    {
        var v = catalog.Resolve(name, version);
        var entry = catalog.ResolveModel(name);
        return Results.Json(new
        {
            name = entry.Name,
            versions = entry.Versions.Where(x => x.IsReady).Select(x => x.VersionText),
            platform = v.Platform,
            inputs = v.Inputs.Select(Tensor),
            outputs = v.Outputs.Select(Tensor),
        });
    }

    private static IResult Ready(ModelCatalog catalog, string name, string version)
    {
        catalog.ResolveModel(name);
        try
        {
            catalog.Resolve(name, version);
            return Results.Ok();
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable)
        {
            return RestErrors.Error(StatusCodes.Status400BadRequest, ex.Status.Detail);
        }
    }

    private static async Task<IResult> Stats(StatisticsCollector collector, string name, string version, HttpContext http)
    {
        var stats = await collector.CollectAsync(name, version, http.RequestAborted);
        return Results.Json(new { model_stats = stats.Select(RestStatistics.From) });
    }

    private static object Tensor(TensorSpec t) => new { name = t.Name, datatype = t.DataType, shape = t.Shape };

    private static async Task<JsonDocument> ReadJson(HttpContext http)
    {
        try
        {
            return await JsonDocument.ParseAsync(http.Request.Body, new JsonDocumentOptions { MaxDepth = 64 }, http.RequestAborted);
        }
        catch (JsonException ex)
        {
            // The parser's own message can quote the offending character; report the position only.
            throw GrpcErrors.Create(StatusCode.InvalidArgument, ErrorReasons.InvalidTensor,
                $"request body is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {ex.BytePositionInLine ?? 0}).");
        }
    }

    private static async Task<IResult> Guard(Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (RpcException ex)
        {
            return RestErrors.From(ex);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return RestErrors.Error(StatusCodes.Status413PayloadTooLarge, "request body is larger than the gateway's maximum request size.");
        }
    }
}
