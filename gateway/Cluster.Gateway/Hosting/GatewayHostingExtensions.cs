using System.Net;
using System.Net.Security;
using Azure.Data.Tables;
using Cluster.Gateway.Admin;
using Cluster.Gateway.Audit;
using Cluster.Gateway.Metering;
using Cluster.Gateway.Quota;
using Cluster.Gateway.Catalog;
using Cluster.Gateway.DataPlane;
using Cluster.Gateway.Governance;
using Cluster.Gateway.Grpc;
using Cluster.Gateway.Health;
using Cluster.Gateway.Metrics;
using Cluster.Gateway.Rest;
using Cluster.Gateway.Retries;
using Cluster.Gateway.Security;
using Cluster.Gateway.Telemetry;
using Cluster.Grains.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Cluster.Gateway.Hosting;

/// <summary>Builds the gateway: endpoints, Orleans client, data plane, frontends, health and metrics.</summary>
public static class GatewayHostingExtensions
{
    /// <summary>The stand-alone gateway: an Orleans client of the cluster plus the gateway role.</summary>
    public static WebApplicationBuilder AddClusterGateway(this WebApplicationBuilder builder)
    {
        builder.AddClusterClient();
        return builder.AddGatewayRole();
    }

    /// <summary>
    /// The gateway role (endpoints, data plane, frontends, governance, metering, health, metrics)
    /// over the Orleans client the host provides: the stand-alone gateway's own, or a silo's when
    /// the silo co-hosts the gateway (<c>Silo:HostGateway</c>), whose calls to its own shards then
    /// pass messages in memory: no socket, no serializer.
    /// </summary>
    public static WebApplicationBuilder AddGatewayRole(this WebApplicationBuilder builder)
    {
        // Triton's counter names (nv_inference_request_success, ...) do not end in _total; with a
        // trace exemplar attached prometheus-net writes them in a form Prometheus before 2.43 (and
        // Google Managed Prometheus) rejects, dropping the whole scrape. Exemplars are not used here.
        Prometheus.Metrics.DefaultFactory.ExemplarBehavior = ExemplarBehavior.NoExemplars();
        var gateway = GatewayOptionsValidator.ValidateNow(
            builder.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new());
        builder.Services.AddOptions<GatewayOptions>().Bind(builder.Configuration.GetSection(GatewayOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();

        if (!gateway.Plaintext)
            builder.Services.AddSingleton(sp => new ServerCertificateSource(gateway.Tls, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ServerCertificateSource>>()));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var address = IPAddress.Parse(gateway.ListenAddress);
            var tls = gateway.Plaintext ? null : kestrel.ApplicationServices.GetRequiredService<ServerCertificateSource>();
            kestrel.Listen(address, gateway.HttpPort, l =>
            {
                l.Protocols = HttpProtocols.Http1AndHttp2;
                if (tls is not null) l.UseHttps(Handshake(tls, [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11]));
            });
            kestrel.Listen(address, gateway.GrpcPort, l =>
            {
                l.Protocols = HttpProtocols.Http2;
                if (tls is not null) l.UseHttps(Handshake(tls, [SslApplicationProtocol.Http2]));
            });
            kestrel.Listen(IPAddress.Parse(gateway.EffectiveMetricsListenAddress), gateway.MetricsPort, l => l.Protocols = HttpProtocols.Http1);
            kestrel.Limits.MaxRequestBodySize = gateway.MaxRequestBytes;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
        });

        builder.Services.AddShutdownTimeout(gateway.ShutdownTimeout);
        builder.AddClusterTracing("cluster-gateway", GatewayTracing.SourceName);
        builder.Services.AddSingleton<ModelCatalog>();
        builder.Services.AddHostedService<ModelCatalogRefresher>();
        builder.Services.AddSingleton<ShardRouter>();
        builder.Services.AddShardRetries(builder.Configuration);
        builder.Services.AddSingleton<InferenceMetrics>();
        builder.Services.AddSingleton<InferenceDataPlane>();
        builder.Services.AddSingleton<StatisticsCollector>();
        builder.Services.AddSingleton<GatewayReadiness>();
        builder.Services.AddSingleton<GatewayDrain>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GatewayDrain>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        builder.Services.AddSingleton<OperatorCredential>();
        builder.Services.AddGovernanceCaches();
        builder.Services.AddSingleton<GovernanceCatalog>();
        builder.Services.AddSingleton<ModelAccess>();
        builder.Services.AddSingleton<IInferenceAccess>(sp => sp.GetRequiredService<ModelAccess>());
        builder.Services.AddSingleton<GatewayIdentity>();
        builder.Services.AddSingleton<TenantMetrics>();
        builder.Services.AddOptions<QuotaOptions>().Bind(builder.Configuration.GetSection(QuotaOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<QuotaOptions>, QuotaOptionsValidator>();
        builder.Services.AddSingleton<QuotaLeaseManager>();
        builder.Services.AddSingleton<IAdmissionControl>(sp => sp.GetRequiredService<QuotaLeaseManager>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<QuotaLeaseManager>());
        builder.Services.AddOptions<MeteringOptions>().Bind(builder.Configuration.GetSection(MeteringOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MeteringOptions>, MeteringOptionsValidator>();
        builder.Services.AddSingleton<UsageMeter>();
        builder.Services.AddSingleton<IUsageMeter>(sp => sp.GetRequiredService<UsageMeter>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<UsageMeter>());
        builder.Services.AddSingleton<InferenceAuditor>();
        builder.Services.AddSingleton<IInferenceAuditor>(sp => sp.GetRequiredService<InferenceAuditor>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InferenceAuditor>());

        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = gateway.MaxRequestBytes;
            o.MaxSendMessageSize = null;
            o.Interceptors.Add<ExceptionMappingInterceptor>();
        });
        builder.Services.AddStrictGrpcParsing();
        builder.Services.AddApiKeyAuthentication();
        builder.Services.AddHealthChecks().AddCheck<GatewayReadiness>("cluster", tags: [GatewayReadiness.Tag]);
        builder.Services.AddGrpcHealthChecks(o => o.Services.Map("", r => r.Tags.Contains(GatewayReadiness.Tag)));
        return builder;
    }

    /// <summary>Each TLS handshake takes the current certificate and the client-certificate policy from <paramref name="source"/>.</summary>
    private static TlsHandshakeCallbackOptions Handshake(ServerCertificateSource source, SslApplicationProtocol[] protocols) => new()
    {
        OnConnection = _ => ValueTask.FromResult(source.ServerOptions(protocols)),
        HandshakeTimeout = TimeSpan.FromSeconds(10),
    };

    private static void AddClusterClient(this WebApplicationBuilder builder)
    {
        var membership = ClusterDiscoveryOptionsValidator.ValidateNow(
            builder.Configuration.GetSection(ClusterDiscoveryOptions.SectionName).Get<ClusterDiscoveryOptions>() ?? new());
        builder.UseOrleansClient(client =>
        {
            if (membership.IsAzureTable)
                client.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(membership.ConnectionString));
            else
                client.UseLocalhostClustering(membership.GatewayPort, membership.ServiceId, membership.ClusterId);
            if (membership.UsesTls) client.UseClusterTls(membership.Tls);
            // The shard's spans continue the gateway's trace (docs/observability.md, "Tracing").
            client.AddActivityPropagation();
            client.Configure<Orleans.Configuration.ClusterOptions>(o =>
            {
                o.ClusterId = membership.ClusterId;
                o.ServiceId = membership.ServiceId;
            });
            client.Configure<Orleans.Configuration.GatewayOptions>(o => MembershipTuning.Apply(o, builder.Configuration));
            client.Configure<Orleans.Configuration.TypeManagementOptions>(o => MembershipTuning.Apply(o, builder.Configuration));
            client.UseConnectionRetryFilter<ClusterConnectionRetryFilter>();
        });
    }

    public static WebApplication MapClusterGateway(this WebApplication app)
    {
        var gateway = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        app.UseMiddleware<ListenerIsolationMiddleware>();
        app.UseMetricServer(gateway.MetricsPort, ListenerIsolationMiddleware.MetricsPath);
        // Authentication and authorization run before any endpoint reads the request body.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<GrpcMessageSizeLimitMiddleware>();
        app.MapGrpcService<InferenceGrpcService>();
        app.MapGrpcService<TenantAdminService>();
        app.MapGrpcService<KeyAdminService>();
        app.MapGrpcService<PolicyAdminService>();
        app.MapGrpcService<ModelAdminService>();
        app.MapGrpcService<GovernanceAuditAdminService>();
        app.MapGrpcService<UsageAdminService>();
        app.MapGrpcService<InferenceAuditAdminService>();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapInferenceRest();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = r => r.Tags.Contains(GatewayReadiness.Tag) }).AllowAnonymous();
        return app;
    }
}
