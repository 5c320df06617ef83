namespace Cluster.Ctl.CommandLine;

/// <summary>What a command line asks for: help on a topic, or one bound command, with the global options.</summary>
public sealed record class Invocation(GlobalOptions Globals, CommandSpec? Command, BoundCommand? Bound, IReadOnlyList<string>? HelpTopic)
{
    public bool IsHelp => HelpTopic is not null;

    public static Invocation ForHelp(GlobalOptions globals, IReadOnlyList<string> topic) => new(globals, null, null, topic);
}
