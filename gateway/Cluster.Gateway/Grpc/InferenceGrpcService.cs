using Cluster.Gateway.Catalog;
using Cluster.Gateway.DataPlane;
using Cluster.Gateway.Governance;
using Cluster.Gateway.Security;
using Cluster.Gateway.Health;
using Cluster.Gateway.Hosting;
using Cluster.Gateway.Serving;
using Cluster.Grains.Inference;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Inference;

namespace Cluster.Gateway.Grpc;

/// <summary>
/// The KServe v2 / Triton gRPC frontend: translates messages and calls the data plane; holds no
/// logic of its own.
/// </summary>
public sealed class InferenceGrpcService(
    ModelAccess access, InferenceDataPlane dataPlane, StatisticsCollector statistics, GatewayReadiness readiness,
    ICredentialResolver credentials, TimeProvider time)
    : GRPCInferenceService.GRPCInferenceServiceBase
{
    /// <summary>How often an open stream re-checks its key: a revoked or expired key ends it within this plus the credential cache's staleness (5 s in all).</summary>
    public static readonly TimeSpan StreamCredentialRecheck = TimeSpan.FromSeconds(1);

    [AllowAnonymous]
    public override Task<ServerLiveResponse> ServerLive(ServerLiveRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerLiveResponse { Live = true });

    [AllowAnonymous]
    public override Task<ServerReadyResponse> ServerReady(ServerReadyRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerReadyResponse { Ready = readiness.IsReady });

    [AllowAnonymous]
    public override Task<ServerMetadataResponse> ServerMetadata(ServerMetadataRequest request, ServerCallContext context)
    {
        var response = new ServerMetadataResponse { Name = ServerInfo.Name, Version = ServerInfo.Version };
        response.Extensions.Add(ServerInfo.Extensions);
        return Task.FromResult(response);
    }

    public override async Task<ModelReadyResponse> ModelReady(ModelReadyRequest request, ServerCallContext context) =>
        new() { Ready = await access.IsReadyAsync(Callers.Get(context), request.Name, request.Version) };

    public override async Task<ModelMetadataResponse> ModelMetadata(ModelMetadataRequest request, ServerCallContext context)
    {
        var (entry, version) = await access.ResolveForMetadataAsync(Callers.Get(context), request.Name, request.Version);
        return ProtoMappings.Metadata(entry, version);
    }

    public override async Task<ModelConfigResponse> ModelConfig(ModelConfigRequest request, ServerCallContext context)
    {
        var (_, version) = await access.ResolveForMetadataAsync(Callers.Get(context), request.Name, request.Version);
        return new ModelConfigResponse { Config = ProtoMappings.Config(version) };
    }

    [Authorize(Policy = ApiKeyDefaults.TenantPolicy)]
    public override async Task<ModelInferResponse> ModelInfer(ModelInferRequest request, ServerCallContext context)
    {
        var (message, lease) = await InferAsync(request, Callers.Get(context), context);
        // The message's raw outputs are windows on the shard's pooled memory (when the shard is in
        // this process): give it back only after the call has ended, when the message was written.
        if (lease is not null) context.GetHttpContext().Response.RegisterForDispose(lease);
        return message;
    }

    private async Task<(ModelInferResponse Message, IOutputLease? Lease)> InferAsync(ModelInferRequest request, CallerIdentity caller, ServerCallContext context)
    {
        var call = ProtoTensorReader.Read(request, StatedPurpose.FromGrpc(request.Parameters, context.RequestHeaders));
        var (model, response) = await dataPlane.InferAsync(caller, call, context.CancellationToken);
        return (ProtoResponseWriter.Write(model.Name, model.VersionText, request.Id, response), response.Lease);
    }

    [Authorize(Policy = ApiKeyDefaults.TenantPolicy)]
    public override async Task ModelStreamInfer(
        IAsyncStreamReader<ModelInferRequest> requestStream, IServerStreamWriter<ModelStreamInferResponse> responseStream, ServerCallContext context)
    {
        // Triton's semantics: each request gets one response on the stream, an error as
        // error_message; the stream itself stays open. Requests run concurrently, up to a bound.
        // The key is checked again every StreamCredentialRecheck while the stream is open (from the
        // credential cache): a revoked or expired key ends the stream with UNAUTHENTICATED.
        var authorization = context.RequestHeaders.GetValue("authorization");
        var caller = Callers.Get(context);
        using var open = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var revoked = false;
        var watch = WatchCredentialAsync();
        using var inFlight = new SemaphoreSlim(StreamConcurrency);
        using var writeLock = new SemaphoreSlim(1);
        var running = new List<Task>();
        try
        {
            await foreach (var request in requestStream.ReadAllAsync(open.Token))
            {
                await inFlight.WaitAsync(open.Token);
                running.RemoveAll(t => t.IsCompleted);
                running.Add(RespondAsync(request, caller));
            }
        }
        catch (OperationCanceledException) when (revoked && !context.CancellationToken.IsCancellationRequested)
        {
        }
        await open.CancelAsync();
        await Task.WhenAll(running);
        await watch;
        if (revoked) throw SecurityErrors.Unauthenticated();

        async Task WatchCredentialAsync()
        {
            try
            {
                while (true)
                {
                    await Task.Delay(StreamCredentialRecheck, time, open.Token);
                    if (await credentials.ResolveAsync(authorization) is null)
                    {
                        revoked = true;
                        await open.CancelAsync();
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        async Task RespondAsync(ModelInferRequest request, CallerIdentity caller)
        {
            ModelStreamInferResponse message;
            IOutputLease? lease = null;
            try
            {
                var (response, held) = await InferAsync(request, caller, context);
                lease = held;
                message = new ModelStreamInferResponse { InferResponse = response };
            }
            catch (ServingException ex)
            {
                message = new ModelStreamInferResponse
                {
                    ErrorMessage = $"{ServingCodeNames.Of(ex.Code)}: {ex.Message}",
                    InferResponse = new ModelInferResponse { ModelName = request.ModelName, ModelVersion = request.ModelVersion, Id = request.Id },
                };
            }
            finally
            {
                inFlight.Release();
            }
            try
            {
                await writeLock.WaitAsync(context.CancellationToken);
                try { await responseStream.WriteAsync(message, context.CancellationToken); }
                finally { writeLock.Release(); }
            }
            finally
            {
                // Written (serialized into the stream) or abandoned: either way nothing reads the outputs now.
                lease?.Dispose();
            }
        }
    }

    /// <summary>Requests of one stream in flight at once.</summary>
    public const int StreamConcurrency = 64;

    /// <summary>Statistics are summed over every tenant's traffic, so they are operator data.</summary>
    [Authorize(Policy = ApiKeyDefaults.OperatorPolicy)]
    public override async Task<ModelStatisticsResponse> ModelStatistics(ModelStatisticsRequest request, ServerCallContext context)
    {
        if (!Callers.Get(context).IsOperator) throw SecurityErrors.RequiresOperator();
        var response = new ModelStatisticsResponse();
        foreach (var s in await statistics.CollectAsync(request.Name, request.Version, context.CancellationToken))
            response.ModelStats.Add(ProtoMappings.Statistics(s));
        return response;
    }

    public override async Task<RepositoryIndexResponse> RepositoryIndex(RepositoryIndexRequest request, ServerCallContext context)
    {
        var response = new RepositoryIndexResponse();
        foreach (var entry in RepositoryIndexEntries.From(await access.VisibleSnapshotAsync(Callers.Get(context)), request.Ready))
            response.Models.Add(new RepositoryIndexResponse.Types.ModelIndex { Name = entry.Name, Version = entry.Version, State = entry.State, Reason = entry.Reason });
        return response;
    }
}
