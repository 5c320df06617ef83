using Cluster.Client;
using Cluster.Ctl.Output;
using Google.Protobuf;
using Grpc.Core;

namespace Cluster.Ctl.CommandLine;

/// <summary>
/// A command with its arguments checked and its request built, ready to run against a client.
/// <see cref="Request"/> is the message it will send (tests read it to check the binding).
/// </summary>
public sealed class BoundCommand(IMessage request, Func<ClusterClient, CancellationToken, Task<ICommandResult>> run)
{
    public IMessage Request { get; } = request;

    public Task<ICommandResult> RunAsync(ClusterClient client, CancellationToken cancellationToken) => run(client, cancellationToken);

    /// <summary>One unary call whose response <paramref name="present"/> turns into output.</summary>
    public static BoundCommand Unary<TRequest, TResponse>(
        TRequest request,
        Func<ClusterClient, TRequest, CancellationToken, AsyncUnaryCall<TResponse>> call,
        Func<TResponse, ICommandResult> present)
        where TRequest : IMessage
        => new(request, async (client, ct) => present(await call(client, request, ct).ResponseAsync.ConfigureAwait(false)));
}
