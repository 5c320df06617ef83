using Cluster.Admin.V1;
using Cluster.Client.Calls;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Inference;

namespace Cluster.Client;

/// <summary>
/// One gRPC channel to the cluster's gateway with a typed client per service. Every call carries
/// the configured API key as <c>authorization: Bearer &lt;key&gt;</c>. Calls throw
/// <see cref="RpcException"/>; <see cref="Errors.ClusterClientException.From"/> turns one into a
/// one-line message. Thread-safe; create one per process and reuse it.
/// </summary>
public sealed class ClusterClient : IDisposable
{
    private readonly GrpcChannel _channel;

    public ClusterClient(ClusterClientOptions options)
    {
        ClusterClientOptionsValidator.ThrowIfInvalid(options);
        Options = options;
        _channel = GrpcChannel.ForAddress(options.Endpoint, new GrpcChannelOptions
        {
            HttpHandler = options.HttpHandler,
            DisposeHttpClient = false,
            MaxReceiveMessageSize = options.MaxReceiveMessageSize,
            MaxSendMessageSize = null,
        });
        CallInvoker = _channel.Intercept(new AuthorizationInterceptor(options.ApiKey, options.Timeout));
        Tenants = new TenantService.TenantServiceClient(CallInvoker);
        Keys = new KeyService.KeyServiceClient(CallInvoker);
        Policies = new PolicyService.PolicyServiceClient(CallInvoker);
        Models = new ModelService.ModelServiceClient(CallInvoker);
        GovernanceAudit = new GovernanceAuditService.GovernanceAuditServiceClient(CallInvoker);
        Usage = new UsageService.UsageServiceClient(CallInvoker);
        InferenceAudit = new InferenceAuditService.InferenceAuditServiceClient(CallInvoker);
        Inference = new GRPCInferenceService.GRPCInferenceServiceClient(CallInvoker);
    }

    /// <summary>The options this client was made with.</summary>
    public ClusterClientOptions Options { get; }

    /// <summary>The authenticated call invoker, for services this class has no property for.</summary>
    public CallInvoker CallInvoker { get; }

    /// <summary><c>cluster.admin.v1.TenantService</c>.</summary>
    public TenantService.TenantServiceClient Tenants { get; }

    /// <summary><c>cluster.admin.v1.KeyService</c>.</summary>
    public KeyService.KeyServiceClient Keys { get; }

    /// <summary><c>cluster.admin.v1.PolicyService</c>.</summary>
    public PolicyService.PolicyServiceClient Policies { get; }

    /// <summary><c>cluster.admin.v1.ModelService</c>.</summary>
    public ModelService.ModelServiceClient Models { get; }

    /// <summary><c>cluster.admin.v1.GovernanceAuditService</c>.</summary>
    public GovernanceAuditService.GovernanceAuditServiceClient GovernanceAudit { get; }

    /// <summary><c>cluster.admin.v1.UsageService</c>: metered usage of successful inferences.</summary>
    public UsageService.UsageServiceClient Usage { get; }

    /// <summary><c>cluster.admin.v1.InferenceAuditService</c>: the hash-chained inference audit trail.</summary>
    public InferenceAuditService.InferenceAuditServiceClient InferenceAudit { get; }

    /// <summary><c>inference.GRPCInferenceService</c> (KServe v2 / Open Inference Protocol).</summary>
    public GRPCInferenceService.GRPCInferenceServiceClient Inference { get; }

    public void Dispose() => _channel.Dispose();
}
