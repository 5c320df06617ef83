namespace Cluster.Ctl.CommandLine;

/// <summary>A command line matched against one <see cref="CommandSpec"/>: positionals, option values and flags.</summary>
public sealed class ParsedArguments(
    CommandSpec command,
    GlobalOptions globals,
    IReadOnlyDictionary<string, string> arguments,
    IReadOnlyDictionary<string, List<string>> options)
{
    public CommandSpec Command { get; } = command;

    public GlobalOptions Globals { get; } = globals;

    /// <summary>The positional argument named <paramref name="name"/> in the spec (e.g. <c>ID</c>).</summary>
    public string Argument(string name) =>
        arguments.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"{Command.Name} declares no argument {name}.");

    /// <summary>The value of a single-valued option, or null when it was not given.</summary>
    public string? Value(string option) => Values(option) is [.., var last] ? last : null;

    /// <summary>Every value of an option, in order; empty when it was not given.</summary>
    public IReadOnlyList<string> Values(string option)
    {
        if (Command.FindOption(option) is null) throw new InvalidOperationException($"{Command.Name} declares no option {option}.");
        return options.TryGetValue(option, out var values) ? values : [];
    }

    /// <summary>Whether a flag (or any option) was given.</summary>
    public bool Has(string option) => Values(option).Count > 0;
}
