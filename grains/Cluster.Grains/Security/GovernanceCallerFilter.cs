using System.Collections.Concurrent;
using System.Reflection;
using Cluster.Grains.Governance;
using Microsoft.Extensions.Logging;
using Orleans.Metadata;
using Orleans.Runtime;

namespace Cluster.Grains.Security;

/// <summary>
/// Enforces <see cref="CalledByAttribute"/>: a governance-changing call is served only when its
/// caller is a cluster client (a gateway) where clients are allowed, or a grain of an allowed class;
/// otherwise it fails with PERMISSION_DENIED (<c>CALLER_NOT_ALLOWED</c>) and is logged.
/// </summary>
public sealed partial class GovernanceCallerFilter(GrainTypeResolver types, ILogger<GovernanceCallerFilter> logger) : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<MethodInfo, Rule?> _rules = new();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        var rule = _rules.GetOrAdd(context.ImplementationMethod, Build);
        if (rule is null || rule.Admits(context.SourceId)) return context.Invoke();
        LogRefused(logger, context.ImplementationMethod.DeclaringType?.Name ?? "", context.ImplementationMethod.Name, context.SourceId?.Type.ToString() ?? "unknown");
        throw new GovernanceException(GovernanceError.PermissionDenied, "CALLER_NOT_ALLOWED",
            $"{context.ImplementationMethod.Name} may not be called by this member of the cluster.");
    }

    private Rule? Build(MethodInfo method) =>
        method.GetCustomAttribute<CalledByAttribute>() is { } calledBy
            ? new Rule(calledBy.Clients, calledBy.GrainClasses.Select(types.GetGrainType).ToHashSet())
            : null;

    private sealed record class Rule(bool Clients, HashSet<GrainType> Grains)
    {
        public bool Admits(GrainId? source) => source is { } id && (Clients && id.IsClient() || Grains.Contains(id.Type));
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Warning, Message = "Refused {Grain}.{Method} to a caller of type {Caller}: not an allowed caller")]
    private static partial void LogRefused(ILogger logger, string grain, string method, string caller);
}
