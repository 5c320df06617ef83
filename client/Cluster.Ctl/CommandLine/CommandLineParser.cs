namespace Cluster.Ctl.CommandLine;

/// <summary>
/// Parses a command line against a table of <see cref="CommandSpec"/>s: global options anywhere,
/// then the longest command whose words lead the line, then that command's arguments and options.
/// <c>--</c> ends options; what follows is positional. Throws <see cref="UsageException"/>.
/// </summary>
public static class CommandLineParser
{
    public static Invocation Parse(IReadOnlyList<string> args, IReadOnlyList<CommandSpec> commands)
    {
        var (globals, rest) = ExtractGlobals(args);
        var words = rest.TakeWhile(t => !t.StartsWith('-')).ToList();
        if (globals.Help) return Invocation.ForHelp(globals, words);
        if (words is ["help", .. var topic]) return Invocation.ForHelp(globals, topic);
        if (rest.Count == 0) throw new UsageException("no command given; run 'clusterctl help' for the commands");

        var command = Match(words, commands);
        var parsed = ParseCommand(command, globals, rest.Skip(command.Words.Count).ToList());
        try
        {
            return new Invocation(globals, command, command.Bind(parsed), null);
        }
        catch (UsageException e)
        {
            throw e.WithCommand(command);
        }
    }

    private static CommandSpec Match(List<string> words, IReadOnlyList<CommandSpec> commands)
    {
        var match = commands
            .Where(c => c.Words.Count <= words.Count && c.Words.SequenceEqual(words.Take(c.Words.Count)))
            .MaxBy(c => c.Words.Count);
        if (match is not null) return match;

        if (words.Count == 0) throw new UsageException("no command given; run 'clusterctl help' for the commands");
        var group = commands.Where(c => c.Words[0] == words[0] && c.Words.Count > 1).Select(c => c.Words[1]).ToList();
        if (group.Count == 0) throw new UsageException($"unknown command '{words[0]}'; run 'clusterctl help' for the commands");
        if (words.Count == 1) throw new UsageException($"'{words[0]}' needs a subcommand: {string.Join(", ", group)}");
        throw new UsageException($"unknown command '{words[0]} {words[1]}'; '{words[0]}' has: {string.Join(", ", group)}");
    }

    private static ParsedArguments ParseCommand(CommandSpec command, GlobalOptions globals, List<string> tokens)
    {
        var positionals = new List<string>();
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var onlyPositionals = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (onlyPositionals || !IsOption(token))
            {
                positionals.Add(token);
                continue;
            }
            if (token == "--")
            {
                onlyPositionals = true;
                continue;
            }
            var (name, inline) = Split(token);
            var option = command.FindOption(name) ?? throw new UsageException($"unknown option {name}", command);
            string value;
            if (option.IsFlag)
            {
                if (inline is not null) throw new UsageException($"{name} takes no value", command);
                value = "true";
            }
            else if (inline is not null)
            {
                value = inline;
            }
            else if (i + 1 < tokens.Count)
            {
                value = tokens[++i];
            }
            else
            {
                throw new UsageException($"{name} needs a value ({option.ValueName})", command);
            }
            if (!options.TryGetValue(name, out var values)) options[name] = values = [];
            if (values.Count > 0 && !option.Repeatable) throw new UsageException($"{name} is given more than once", command);
            values.Add(value);
        }

        if (positionals.Count < command.Arguments.Count)
            throw new UsageException($"missing {command.Arguments[positionals.Count]}", command);
        if (positionals.Count > command.Arguments.Count)
            throw new UsageException($"unexpected argument '{positionals[command.Arguments.Count]}'", command);
        if (command.Options.FirstOrDefault(o => o.Required && !options.ContainsKey(o.Name)) is { } missing)
            throw new UsageException($"{missing.Name} is required", command);
        for (var i = 0; i < positionals.Count; i++)
        {
            if (positionals[i].Length == 0) throw new UsageException($"{command.Arguments[i]} must not be empty", command);
        }

        var arguments = command.Arguments.Zip(positionals).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        return new ParsedArguments(command, globals, arguments, options);
    }

    private static (GlobalOptions Globals, List<string> Remaining) ExtractGlobals(IReadOnlyList<string> args)
    {
        var globals = new GlobalOptions();
        var rest = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (token == "--")
            {
                rest.AddRange(args.Skip(i));
                break;
            }
            if (token == "-h") token = GlobalOptions.HelpOption.Name;
            var (name, inline) = IsOption(token) ? Split(token) : (token, null);
            var option = GlobalOptions.All.FirstOrDefault(o => o.Name == name);
            if (option is null)
            {
                rest.Add(args[i]);
                continue;
            }
            if (!seen.Add(name) && option != GlobalOptions.HelpOption) throw new UsageException($"{name} is given more than once");
            string? value = null;
            if (option.IsFlag)
            {
                if (inline is not null) throw new UsageException($"{name} takes no value");
            }
            else
            {
                value = inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value ({option.ValueName})"));
                if (value.Length == 0) throw new UsageException($"{name} needs a non-empty value ({option.ValueName})");
            }
            globals = name switch
            {
                "--endpoint" => globals with { Endpoint = value },
                "--key-file" => globals with { KeyFile = value },
                "--ca-file" => globals with { CaFile = value },
                "--cert-file" => globals with { CertFile = value },
                "--cert-key" => globals with { CertKey = value },
                "--timeout" => globals with { Timeout = value },
                "--json" => globals with { Json = true },
                _ => globals with { Help = true },
            };
        }
        return (globals, rest);
    }

    // "-5" and "-" are values, not options.
    private static bool IsOption(string token) =>
        token.Length > 1 && token[0] == '-' && !char.IsAsciiDigit(token[1]) && token[1] != '.';

    private static (string Name, string? Value) Split(string token)
    {
        var eq = token.IndexOf('=');
        return token.StartsWith("--", StringComparison.Ordinal) && eq > 2 ? (token[..eq], token[(eq + 1)..]) : (token, null);
    }
}
