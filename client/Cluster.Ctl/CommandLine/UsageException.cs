namespace Cluster.Ctl.CommandLine;

/// <summary>
/// The command line is wrong (exit code 2). <see cref="Line"/> is the one line printed after
/// <c>error: </c>: the command, the problem and, for a known command, its usage.
/// </summary>
public sealed class UsageException(string message, CommandSpec? command = null) : Exception(message)
{
    public CommandSpec? Command { get; } = command;

    public string Line => Command is null
        ? Message
        : $"{Command.Name}: {Message} (usage: clusterctl {Command.Usage})";

    public UsageException WithCommand(CommandSpec command) => Command is null ? new UsageException(Message, command) : this;
}
