using Grpc.Core;
using Inference;

namespace Cluster.BareServer.Serving;

/// <summary>The KServe v2 calls a load generator needs: liveness, readiness and ModelInfer for the one model.</summary>
public sealed class BareInferenceService(OnnxModel model) : GRPCInferenceService.GRPCInferenceServiceBase
{
    public override Task<ServerLiveResponse> ServerLive(ServerLiveRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerLiveResponse { Live = true });

    public override Task<ServerReadyResponse> ServerReady(ServerReadyRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerReadyResponse { Ready = true });

    public override Task<ModelReadyResponse> ModelReady(ModelReadyRequest request, ServerCallContext context) =>
        Task.FromResult(new ModelReadyResponse { Ready = Serves(request.Name, request.Version) });

    public override Task<ModelInferResponse> ModelInfer(ModelInferRequest request, ServerCallContext context)
    {
        if (!Serves(request.ModelName, request.ModelVersion))
            throw new RpcException(new Status(StatusCode.NotFound, $"model '{request.ModelName}' version '{request.ModelVersion}' is not served here; this server serves '{model.Name}' version {model.Version}."));
        return model.InferAsync(request, context.CancellationToken);
    }

    private bool Serves(string name, string version) => name == model.Name && (version.Length == 0 || version == model.Version);
}
