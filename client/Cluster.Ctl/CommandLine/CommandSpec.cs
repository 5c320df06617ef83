namespace Cluster.Ctl.CommandLine;

/// <summary>
/// One command in the table the parser works from: its words (<c>tenant create</c>), positional
/// arguments, options, and <see cref="Bind"/>, which turns parsed arguments into the call to make
/// (throwing <see cref="UsageException"/> for values it rejects).
/// </summary>
public sealed class CommandSpec
{
    /// <summary>The command's words, space-separated: <c>tenant create</c>.</summary>
    public required string Name { get; init; }

    /// <summary>One sentence for the help listing.</summary>
    public required string Summary { get; init; }

    /// <summary>Required positional arguments, in order (<c>ID</c>, <c>TENANT</c>, ...).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public IReadOnlyList<OptionSpec> Options { get; init; } = [];

    /// <summary>Replaces the generated option synopsis where options interact (e.g. one of two).</summary>
    public string? OptionSynopsis { get; init; }

    public required Func<ParsedArguments, BoundCommand> Bind { get; init; }

    public IReadOnlyList<string> Words => Name.Split(' ');

    /// <summary><c>tenant create ID --name NAME</c>.</summary>
    public string Usage =>
        string.Join(' ', new[] { Name }.Concat(Arguments).Append(OptionSynopsis ?? string.Join(' ', Options.Select(o => o.Synopsis))).Where(p => p.Length > 0));

    public OptionSpec? FindOption(string name) => Options.FirstOrDefault(o => o.Name == name);
}
