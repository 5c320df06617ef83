using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;

namespace Cluster.PerfAnalyzer.Load;

/// <summary>
/// Service discovery that follows readiness, as a Kubernetes Service's endpoints do: every
/// <see cref="PollInterval"/> it asks each gateway whether it is ready (grpc.health.v1 <c>Check</c>,
/// service "", which the gateway answers from its readiness) and gives the channel's round_robin
/// balancer only the addresses that answered SERVING. A gateway told to stop answers NOT_SERVING
/// at once and serves on for its <c>Gateway:DrainDelay</c>, so the calls leave it before it stops
/// accepting them; a gateway that comes back is used again once it answers SERVING. When none is
/// ready every address is given, so calls get the gateways' own answers (or UNAVAILABLE from the
/// connection) rather than waiting on an empty list.
/// </summary>
public sealed class ReadyGatewaysResolver(IReadOnlyList<Uri> gateways, Func<Uri, CancellationToken, Task<bool>> isReady, TimeProvider time) : Resolver
{
    /// <summary>How often readiness is asked (a gateway's drain delay should be several of these).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How long one readiness question may take before the gateway counts as not ready.</summary>
    public static readonly TimeSpan CheckDeadline = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stop = new();
    private Task? _polling;

    /// <summary>The addresses last given to the balancer.</summary>
    public IReadOnlyList<Uri> Published { get; private set; } = [];

    public override void Start(Action<ResolverResult> listener) => _polling = PollAsync(listener);

    private async Task PollAsync(Action<ResolverResult> listener)
    {
        using var timer = new PeriodicTimer(PollInterval, time);
        try
        {
            do
            {
                var answers = await Task.WhenAll(gateways.Select(g => isReady(g, _stop.Token))).ConfigureAwait(false);
                IReadOnlyList<Uri> ready = [.. gateways.Where((_, i) => answers[i])];
                if (ready.Count == 0) ready = gateways;
                if (ready.SequenceEqual(Published)) continue;
                Published = ready;
                listener(ResolverResult.ForResult([.. ready.Select(g => new BalancerAddress(g.Host, g.Port))]));
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>grpc.health.v1 <c>Check</c> over <paramref name="channel"/> (one gateway's): true only for SERVING.</summary>
    public static async Task<bool> IsServingAsync(GrpcChannel channel, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(),
                new CallOptions(deadline: DateTime.UtcNow + CheckDeadline, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return reply.Status == HealthCheckResponse.Types.ServingStatus.Serving;
        }
        catch (RpcException)
        {
            return false;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_stop.IsCancellationRequested)
        {
            _stop.Cancel();
            _polling?.Wait(TimeSpan.FromSeconds(2));
            _stop.Dispose();
        }
        base.Dispose(disposing);
    }
}
