using System.Text.Json;
using Cluster.Gateway.Catalog;
using Cluster.Gateway.DataPlane;
using Cluster.Gateway.Governance;
using Cluster.Gateway.Security;
using Cluster.Gateway.Grpc;
using Cluster.Gateway.Serving;
using Cluster.Gateway.Health;
using Cluster.Gateway.Hosting;
using Cluster.Grains.Repository;
using Cluster.Grains.Governance;
using Microsoft.AspNetCore.Http.Features;

namespace Cluster.Gateway.Rest;

/// <summary>The KServe v2 HTTP/REST protocol (<c>/v2/...</c>) over the same data plane as gRPC.</summary>
public static class InferenceRestEndpoints
{
    public static IEndpointRouteBuilder MapInferenceRest(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2");
        v2.MapGet("", () => Results.Json(new { name = ServerInfo.Name, version = ServerInfo.Version, extensions = ServerInfo.Extensions })).AllowAnonymous();
        v2.MapGet("/health/live", () => Results.Ok()).AllowAnonymous();
        v2.MapGet("/health/ready", (GatewayReadiness r) => r.IsReady ? Results.Ok() : Results.StatusCode(StatusCodes.Status503ServiceUnavailable)).AllowAnonymous();
        v2.MapPost("/repository/index", (ModelAccess access, HttpContext http) => Guard(async () =>
        {
            var ready = false;
            if (http.Request.ContentLength > 0)
            {
                using var doc = await ReadJson(http);
                ready = doc.RootElement.ValueKind == JsonValueKind.Object
                    && doc.RootElement.TryGetProperty("ready", out var r) && r.ValueKind == JsonValueKind.True;
            }
            return Results.Json(RepositoryIndexEntries.From(await access.VisibleSnapshotAsync(Callers.Get(http)), ready)
                .Select(e => new { name = e.Name, version = e.Version, state = e.State, reason = e.Reason }));
        }));
        v2.MapGet("/models/stats", (StatisticsCollector s, HttpContext http) => Guard(() => Stats(s, "", "", http)))
            .RequireAuthorization(ApiKeyDefaults.OperatorPolicy);

        foreach (var prefix in new[] { "/models/{name}", "/models/{name}/versions/{version}" })
        {
            var model = v2.MapGroup(prefix);
            model.MapGet("", (ModelAccess a, string name, string? version, HttpContext http) => Guard(() => Metadata(a, name, version ?? "", http)));
            model.MapGet("/ready", (ModelAccess a, string name, string? version, HttpContext http) => Guard(async () =>
                await a.IsReadyAsync(Callers.Get(http), name, version ?? "")
                    ? Results.Ok()
                    : RestErrors.Error(StatusCodes.Status400BadRequest, $"model '{name}' is not ready.")));
            model.MapGet("/config", (ModelAccess a, string name, string? version, HttpContext http) => Guard(async () =>
                Results.Text((await a.ResolveForMetadataAsync(Callers.Get(http), name, version ?? "")).Version.ConfigJson, "application/json")));
            model.MapGet("/stats", (StatisticsCollector s, string name, string? version, HttpContext http) => Guard(() => Stats(s, name, version ?? "", http)))
                .RequireAuthorization(ApiKeyDefaults.OperatorPolicy);
            model.MapPost("/infer", (InferenceDataPlane d, string name, string? version, HttpContext http) =>
                Guard(() => Infer(d, name, version ?? "", http)))
                .RequireAuthorization(ApiKeyDefaults.TenantPolicy);
        }
        return app;
    }

    private static async Task<IResult> Infer(InferenceDataPlane dataPlane, string name, string version, HttpContext http)
    {
        using var body = await ReadJson(http);
        var call = JsonTensorReader.Read(name, version, body.RootElement, StatedPurpose.FromHeader(http));
        var (model, response) = await dataPlane.InferAsync(Callers.Get(http), call, http.RequestAborted);
        return new InferenceJsonResult(model.Name, model.VersionText, call.Id, response);
    }

    private static async Task<IResult> Metadata(ModelAccess access, string name, string version, HttpContext http)
    {
        var (entry, v) = await access.ResolveForMetadataAsync(Callers.Get(http), name, version);
        return Results.Json(new
        {
            name = entry.Name,
            versions = entry.Versions.Where(x => x.IsReady).Select(x => x.VersionText),
            platform = v.Platform,
            inputs = v.Inputs.Select(Tensor),
            outputs = v.Outputs.Select(Tensor),
        });
    }

    private static async Task<IResult> Stats(StatisticsCollector collector, string name, string version, HttpContext http)
    {
        if (!Callers.Get(http).IsOperator) throw SecurityErrors.RequiresOperator();
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
            throw ServingException.Invalid(
                $"request body is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {ex.BytePositionInLine ?? 0}).");
        }
    }

    private static async Task<IResult> Guard(Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (ServingException ex)
        {
            return RestErrors.From(ex);
        }
        catch (GovernanceException ex)
        {
            return RestErrors.From(ServingException.FromGovernance(ex));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return RestErrors.Error(StatusCodes.Status413PayloadTooLarge, "request body is larger than the gateway's maximum request size.");
        }
    }
}
