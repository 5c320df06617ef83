using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Cluster.Gateway.Telemetry;

public static class TracingHostingExtensions
{
    /// <summary>Orleans' spans for application grain calls: they carry the trace from the gateway to the shard (<c>AddActivityPropagation</c>).</summary>
    public const string OrleansSource = Orleans.Diagnostics.ActivitySources.ApplicationGrainActivitySourceName;

    /// <summary>
    /// OpenTelemetry tracing of <paramref name="sources"/> (with ASP.NET Core's server spans and
    /// Orleans' grain call spans) exported over OTLP, when <c>Telemetry:OtlpEndpoint</c> is set
    /// (<see cref="TelemetryOptions"/>, validated now). Called once per role a host runs: a silo
    /// co-hosting the gateway adds both roles' sources to one tracer, named by the first call's
    /// <paramref name="defaultServiceName"/> unless <c>Telemetry:ServiceName</c> names it.
    /// </summary>
    public static IHostApplicationBuilder AddClusterTracing(this IHostApplicationBuilder builder, string defaultServiceName, params string[] sources)
    {
        var options = TelemetryOptionsValidator.ValidateNow(
            builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new());
        if (!options.Enabled) return builder;
        var first = !builder.Services.Any(d => d.ServiceType == typeof(TracingRegistration));
        builder.Services.AddOpenTelemetry().WithTracing(tracing =>
        {
            tracing.AddSource(sources);
            if (!first) return;
            tracing.ConfigureResource(r => r.AddService(string.IsNullOrWhiteSpace(options.ServiceName) ? defaultServiceName : options.ServiceName))
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.SamplingRatio)))
                .AddSource(OrleansSource)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsOperational(context.Request.Path))
                .AddOtlpExporter(o =>
                {
                    o.Endpoint = new Uri(options.OtlpEndpoint);
                    o.Protocol = options.OtlpProtocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                });
        });
        if (first)
        {
            builder.Services.AddSingleton<TracingRegistration>();
            builder.Services.AddOptions<TelemetryOptions>().Bind(builder.Configuration.GetSection(TelemetryOptions.SectionName)).ValidateOnStart();
            builder.Services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        }
        return builder;
    }

    /// <summary>Scrapes and probes (<c>/metrics</c>, health and readiness) are not traced: they would drown the inferences.</summary>
    public static bool IsOperational(PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz")
        || path.StartsWithSegments("/v2/health") || path.StartsWithSegments("/grpc.health.v1.Health");

    /// <summary>Marks the first call, which configured the resource, sampler, instrumentation and exporter.</summary>
    private sealed class TracingRegistration;
}
