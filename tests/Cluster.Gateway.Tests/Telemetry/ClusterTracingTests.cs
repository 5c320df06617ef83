using System.Diagnostics;
using Cluster.Gateway.Security;
using Cluster.Gateway.Serving;
using Cluster.Gateway.Telemetry;
using Cluster.Grains.Repository;
using Cluster.Grains.Tracing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Cluster.Gateway.Tests.Telemetry;

/// <summary>
/// <c>AddClusterTracing</c> with an in-memory exporter beside the OTLP one: what is exported, under
/// which service name and sampling, and what the gateway's span carries. The collector address is
/// a closed loopback port: the OTLP exporter's failures stay inside it.
/// </summary>
public sealed class ClusterTracingTests
{
    private const string Collector = "http://127.0.0.1:9";
    private static readonly ModelVersionDescriptor Model = new() { Name = "sepsis-risk", Version = 3 };

    [Fact]
    public void NoTracerIsRegisteredWithoutAnOtlpEndpoint()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddClusterTracing("cluster-gateway", GatewayTracing.SourceName);
        using var host = builder.Build();

        Assert.Null(host.Services.GetService<TracerProvider>());
    }

    [Fact]
    public void TheInferSpanCarriesTenantModelVersionAndAttemptsAndNothingOfTheCaller()
    {
        var exported = new List<Activity>();
        using var host = Traced(exported, "cluster-gateway", new(), GatewayTracing.SourceName);
        var tenant = "tenant-" + Guid.NewGuid().ToString("N")[..8];

        using (var span = GatewayTracing.StartInfer(new CallerIdentity(tenant, "key-id-do-not-export")))
        {
            GatewayTracing.Resolved(span, Model);
            GatewayTracing.Attempts(2);
            GatewayTracing.Failed(span, new ServingException(ServingCode.Unavailable, ErrorReasons.ShardUnavailable, "no silo could serve 'secret text'"));
        }

        var infer = Assert.Single(exported, s => Equals(s.GetTagItem(TraceTags.Tenant), tenant));
        Assert.Equal(GatewayTracing.InferSpan, infer.OperationName);
        Assert.Equal("sepsis-risk", infer.GetTagItem(TraceTags.Model));
        Assert.Equal("3", infer.GetTagItem(TraceTags.Version));
        Assert.Equal(2, infer.GetTagItem(TraceTags.Attempts));
        Assert.Equal(ActivityStatusCode.Error, infer.Status);
        Assert.Equal(ErrorReasons.ShardUnavailable, infer.StatusDescription);
        Assert.Equal([TraceTags.Tenant, TraceTags.Model, TraceTags.Version, TraceTags.Attempts, TraceTags.ErrorReason], infer.TagObjects.Select(t => t.Key));
        Assert.DoesNotContain(infer.TagObjects, t => t.Value?.ToString()?.Contains("key-id") == true || t.Value?.ToString()?.Contains("secret") == true);
        Assert.Equal("cluster-gateway", ServiceName(host));
    }

    [Fact]
    public void ACoHostingSiloTracesBothRolesUnderItsOwnServiceName()
    {
        var exported = new List<Activity>();
        var builder = Builder(exported, new());
        using var shard = new ActivitySource("Cluster.Gateway.Tests.ShardRole");
        builder.AddClusterTracing("cluster-silo", shard.Name);
        builder.AddClusterTracing("cluster-gateway", GatewayTracing.SourceName);
        using var host = Build(builder);
        var tenant = "tenant-" + Guid.NewGuid().ToString("N")[..8];

        using (GatewayTracing.StartInfer(new CallerIdentity(tenant, "k")))
        using (shard.StartActivity("run")) { }

        var infer = Assert.Single(exported, s => Equals(s.GetTagItem(TraceTags.Tenant), tenant));
        Assert.Contains(exported, s => s.Source == shard && s.ParentSpanId == infer.SpanId);
        Assert.Equal("cluster-silo", ServiceName(host));
    }

    [Fact]
    public void SamplingFollowsASampledParentAndTheRatioForNewTraces()
    {
        var exported = new List<Activity>();
        using var host = Traced(exported, "cluster-gateway", new() { ["Telemetry:SamplingRatio"] = "0" }, GatewayTracing.SourceName);
        var tenant = "tenant-" + Guid.NewGuid().ToString("N")[..8];

        using (GatewayTracing.StartInfer(new CallerIdentity(tenant, "k"))) { }
        var client = new Activity("client").SetParentId(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start();
        using (GatewayTracing.StartInfer(new CallerIdentity(tenant, "k"))) { }
        client.Stop();

        var infer = Assert.Single(exported, s => Equals(s.GetTagItem(TraceTags.Tenant), tenant));
        Assert.Equal(client.TraceId, infer.TraceId);
    }

    [Theory]
    [InlineData("/metrics", true)]
    [InlineData("/healthz", true)]
    [InlineData("/readyz", true)]
    [InlineData("/v2/health/ready", true)]
    [InlineData("/grpc.health.v1.Health/Check", true)]
    [InlineData("/inference.GRPCInferenceService/ModelInfer", false)]
    [InlineData("/v2/models/sepsis-risk/infer", false)]
    public void ScrapesAndProbesAreNotTraced(string path, bool operational) =>
        Assert.Equal(operational, TracingHostingExtensions.IsOperational(new PathString(path)));

    private static IHost Traced(List<Activity> exported, string service, Dictionary<string, string?> settings, params string[] sources)
    {
        var builder = Builder(exported, settings);
        builder.AddClusterTracing(service, sources);
        return Build(builder);
    }

    private static HostApplicationBuilder Builder(List<Activity> exported, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        settings["Telemetry:OtlpEndpoint"] = Collector;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(exported));
        return builder;
    }

    private static IHost Build(HostApplicationBuilder builder)
    {
        var host = builder.Build();
        host.Services.GetRequiredService<TracerProvider>();
        return host;
    }

    private static string? ServiceName(IHost host) =>
        host.Services.GetRequiredService<TracerProvider>().GetResource().Attributes.FirstOrDefault(a => a.Key == "service.name").Value as string;
}
