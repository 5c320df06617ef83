using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Models;

/// <summary>Reads a lifecycle STATE by name, case-insensitively: Draft, Validated, Approved, Deprecated, Retired.</summary>
public static class LifecycleStateParser
{
    public static IReadOnlyList<LifecycleState> States { get; } =
        [LifecycleState.Draft, LifecycleState.Validated, LifecycleState.Approved, LifecycleState.Deprecated, LifecycleState.Retired];

    public static LifecycleState Parse(string text)
    {
        foreach (var state in States)
        {
            if (string.Equals(state.ToString(), text, StringComparison.OrdinalIgnoreCase)) return state;
        }
        throw new UsageException($"STATE '{text}' is not one of {string.Join(", ", States)}");
    }
}
