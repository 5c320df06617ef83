using Cluster.Grains.Inference;
using Orleans.Runtime.Messaging;

namespace Cluster.Gateway.Retries;

/// <summary>
/// Which failed shard calls may be sent again (docs/resilience.md, "Retries"). The rule: retry
/// only when the failure shows that no live activation is running the request, so a retry can
/// never make a live shard run it a second time without knowing:
/// <list type="bullet">
/// <item>Orleans rejected the message (<see cref="OrleansMessageRejectionException"/>: the target
/// silo is unavailable or dead, the activation was moving, the connection to the silo was lost) or
/// could not connect at all (<see cref="ConnectionFailedException"/>). Where a dead silo had
/// started the run, its answer died with it; a shard has no other effect (metering and audit
/// happen here, once, on the answer that arrives).</item>
/// <item>The shard answered that it did not run the request (<see cref="InferenceResponse.NotRun"/>:
/// it was stopping and refused its queue, or it was placed where it cannot run).</item>
/// </list>
/// Never retried: a timeout or cancellation (the shard may still be running it), any answer from a
/// shard that ran it (errors included), a full queue and a busy gateway (overload, where retries
/// would add load).
/// </summary>
public static class ShardRetryRule
{
    public static bool MayRetry(Exception exception) => exception switch
    {
        GatewayTooBusyException => false,
        OrleansMessageRejectionException => true,
        ConnectionFailedException => true,
        _ => false,
    };

    public static bool MayRetry(InferenceResponse response) => !response.IsOk && response.NotRun;
}
