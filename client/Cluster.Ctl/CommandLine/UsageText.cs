namespace Cluster.Ctl.CommandLine;

/// <summary>
/// The help text: every command's usage line and summary, or, for a topic (<c>help policy set</c>),
/// the matching commands with their options explained.
/// </summary>
public static class UsageText
{
    public static void Write(TextWriter output, IReadOnlyList<CommandSpec> commands, IReadOnlyList<string> topic)
    {
        var matching = commands.Where(c => c.Words.Take(topic.Count).SequenceEqual(topic.Take(c.Words.Count))).ToList();
        if (topic.Count > 0 && matching.Count == 0)
            throw new UsageException($"no command matches '{string.Join(' ', topic)}'; run 'clusterctl help' for the commands");
        var detailed = topic.Count > 0;

        output.WriteLine("clusterctl: operate the health-systems model-serving cluster over gRPC.");
        output.WriteLine();
        output.WriteLine("Usage: clusterctl [--endpoint URL] [--key-file PATH] [--json] COMMAND [ARGS] [OPTIONS]");
        string? group = null;
        foreach (var command in matching)
        {
            if (command.Words[0] != group || detailed)
            {
                output.WriteLine();
                group = command.Words[0];
            }
            output.WriteLine($"  clusterctl {command.Usage}");
            output.WriteLine($"      {command.Summary}");
            if (detailed) WriteOptions(output, command.Options, "      ");
        }
        output.WriteLine();
        output.WriteLine("Global options (anywhere on the line):");
        WriteOptions(output, GlobalOptions.All, "  ");
        output.WriteLine();
        output.WriteLine("Exit codes: 0 success; 1 the server refused or failed the call (or could not be reached); 2 usage error;");
        output.WriteLine("            3 a check found a problem (audit verify: the chain is broken).");
        output.WriteLine("Errors are one line on stderr: 'error: STATUS: detail [reason REASON]'.");
    }

    private static void WriteOptions(TextWriter output, IReadOnlyList<OptionSpec> options, string indent)
    {
        if (options.Count == 0) return;
        var labels = options.Select(o => o.IsFlag ? o.Name : $"{o.Name} {o.ValueName}").ToList();
        var width = labels.Max(l => l.Length) + 2;
        for (var i = 0; i < options.Count; i++)
        {
            output.WriteLine($"{indent}{labels[i].PadRight(width)}{options[i].Help}");
        }
    }
}
