using Cluster.Admin.V1;
using Cluster.Client.Tests.Infrastructure;
using Cluster.Ctl.Commands;
using Cluster.Ctl.CommandLine;

namespace Cluster.Client.Tests.CommandLine;

public sealed class CommandLineParserTests
{
    private static Invocation Parse(params string[] args) => CommandLineParser.Parse(args, CommandTable.All);

    [Fact]
    public void GlobalOptionsAreAcceptedBeforeBetweenAndAfterCommandWords()
    {
        foreach (var args in new[]
        {
            new[] { "--json", "--endpoint", "http://gw:8001", "tenant", "get", "mayo" },
            ["tenant", "--json", "get", "--endpoint", "http://gw:8001", "mayo"],
            ["tenant", "get", "mayo", "--endpoint=http://gw:8001", "--json"],
        })
        {
            var invocation = Parse(args);
            Assert.True(invocation.Globals.Json);
            Assert.Equal("http://gw:8001", invocation.Globals.Endpoint);
            Assert.Equal("tenant get", invocation.Command!.Name);
            Assert.Equal(new GetTenantRequest { Id = "mayo" }, invocation.Bound!.Request);
        }
    }

    [Fact]
    public void KeyFileAndTimeoutAreGlobalOptions()
    {
        var invocation = Parse("--key-file", "/tmp/k", "--timeout", "5", "tenant", "list");
        Assert.Equal("/tmp/k", invocation.Globals.KeyFile);
        Assert.Equal("5", invocation.Globals.Timeout);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public void HelpFormsAskForHelpOnEverything(string form)
    {
        var invocation = Parse(form);
        Assert.True(invocation.IsHelp);
        Assert.Empty(invocation.HelpTopic!);
    }

    [Fact]
    public void HelpAfterACommandIsHelpOnThatCommand()
    {
        Assert.Equal(["policy", "set"], Parse("policy", "set", "--help").HelpTopic!);
        Assert.Equal(["policy", "set"], Parse("help", "policy", "set").HelpTopic!);
        Assert.Equal(["tenant"], Parse("tenant", "-h").HelpTopic!);
    }

    [Fact]
    public void HelpPrintsEveryCommandOnStdoutAndExitsZero()
    {
        var run = ClusterCtl.Run("help");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        foreach (var command in CommandTable.All) Assert.Contains($"clusterctl {command.Usage}", run.Stdout);
    }

    [Fact]
    public void HelpOnACommandExplainsItsOptions()
    {
        var run = ClusterCtl.Run("help", "infer");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--data-json FILE", run.Stdout);
        Assert.DoesNotContain("tenant create", run.Stdout);
    }

    [Fact]
    public void HelpOnAnUnknownTopicIsAUsageError() =>
        Assert.Equal("error: no command matches 'frob'; run 'clusterctl help' for the commands", ClusterCtl.UsageError("help", "frob"));

    [Fact]
    public void NoArgumentsIsAUsageError() =>
        Assert.Equal("error: no command given; run 'clusterctl help' for the commands", ClusterCtl.UsageError());

    [Fact]
    public void UnknownCommandIsAUsageError() =>
        Assert.Equal("error: unknown command 'frob'; run 'clusterctl help' for the commands", ClusterCtl.UsageError("frob"));

    [Fact]
    public void GroupWithoutSubcommandListsTheSubcommands() =>
        Assert.Equal("error: 'tenant' needs a subcommand: create, get, list, suspend, resume", ClusterCtl.UsageError("tenant"));

    [Fact]
    public void UnknownSubcommandListsTheGroupsSubcommands() =>
        Assert.Equal("error: unknown command 'key rotate'; 'key' has: issue, list, revoke", ClusterCtl.UsageError("key", "rotate", "mayo"));

    [Fact]
    public void UnknownOptionNamesTheOptionAndTheUsage() =>
        Assert.Equal("error: tenant list: unknown option --all (usage: clusterctl tenant list)", ClusterCtl.UsageError("tenant", "list", "--all"));

    [Fact]
    public void UnexpectedArgumentIsNamed() =>
        Assert.Equal("error: tenant get: unexpected argument 'kp' (usage: clusterctl tenant get ID)", ClusterCtl.UsageError("tenant", "get", "mayo", "kp"));

    [Fact]
    public void OptionWithoutItsValueIsAUsageError() =>
        Assert.Equal("error: tenant create: --name needs a value (NAME) (usage: clusterctl tenant create ID --name NAME)", ClusterCtl.UsageError("tenant", "create", "mayo", "--name"));

    [Fact]
    public void FlagWithAValueIsAUsageError() =>
        Assert.Equal(
            "error: model approve: --all-tenants takes no value (usage: clusterctl model approve NAME VERSION (--tenant ID | --all-tenants))",
            ClusterCtl.UsageError("model", "approve", "m", "1", "--all-tenants=yes"));

    [Fact]
    public void SingleValuedOptionGivenTwiceIsAUsageError() =>
        Assert.Equal(
            "error: tenant suspend: --reason is given more than once (usage: clusterctl tenant suspend ID [--reason TEXT])",
            ClusterCtl.UsageError("tenant", "suspend", "mayo", "--reason", "a", "--reason", "b"));

    [Fact]
    public void GlobalOptionGivenTwiceIsAUsageError() =>
        Assert.Equal("error: --endpoint is given more than once", ClusterCtl.UsageError("--endpoint", "a:1", "tenant", "list", "--endpoint", "b:1"));

    [Fact]
    public void GlobalOptionWithoutValueIsAUsageError() =>
        Assert.Equal("error: --key-file needs a value (PATH)", ClusterCtl.UsageError("tenant", "list", "--key-file"));

    [Fact]
    public void DoubleDashMakesTheRestPositional()
    {
        var request = ClusterCtl.Request<SuspendTenantRequest>("tenant", "suspend", "--reason", "x", "--", "-odd-id");
        Assert.Equal("-odd-id", request.Id);
    }

    [Fact]
    public void OptionValuesMayStartWithADash()
    {
        var request = ClusterCtl.Request<SuspendTenantRequest>("tenant", "suspend", "mayo", "--reason", "--late payment--");
        Assert.Equal("--late payment--", request.Reason);
    }

    [Fact]
    public void EmptyPositionalIsAUsageError() =>
        Assert.Equal("error: tenant get: ID must not be empty (usage: clusterctl tenant get ID)", ClusterCtl.UsageError("tenant", "get", ""));

    [Fact]
    public void EveryCommandNameIsUniqueAndEveryOptionStartsWithTwoDashes()
    {
        Assert.Equal(CommandTable.All.Count, CommandTable.All.Select(c => c.Name).Distinct().Count());
        Assert.All(CommandTable.All.SelectMany(c => c.Options), o => Assert.StartsWith("--", o.Name));
    }

    [Fact]
    public void InvalidTimeoutIsAUsageError() =>
        Assert.Equal("error: --timeout 'soon' is not a number of seconds between 0 and 86400", ClusterCtl.UsageError("--timeout", "soon", "tenant", "list"));

    [Fact]
    public void InvalidEndpointIsAUsageError() =>
        Assert.Equal("error: --endpoint 'ftp://gw' is not an http:// or https:// URL (or host:port)", ClusterCtl.UsageError("--endpoint", "ftp://gw", "tenant", "list"));

    [Fact]
    public void TheLongestMatchingCommandWinsSoAGroupWordCanAlsoTakeArguments()
    {
        // How issue 4's "audit TENANT" sits beside "audit governance" and "audit verify TENANT".
        static CommandSpec Spec(string name, params string[] arguments) => new()
        {
            Name = name,
            Summary = name,
            Arguments = arguments,
            Options = [new OptionSpec("--from", "DATE", "")],
            Bind = args => new BoundCommand(new GetTenantRequest { Id = string.Join("|", args.Command.Arguments.Select(args.Argument)) }, (_, _) => throw new NotSupportedException()),
        };
        CommandSpec[] table = [Spec("audit", "TENANT"), Spec("audit governance"), Spec("audit verify", "TENANT")];

        Assert.Equal("audit", CommandLineParser.Parse(["audit", "mayo", "--from", "2025-01-01"], table).Command!.Name);
        Assert.Equal("audit governance", CommandLineParser.Parse(["audit", "governance"], table).Command!.Name);
        var verify = CommandLineParser.Parse(["audit", "verify", "mayo"], table);
        Assert.Equal("audit verify", verify.Command!.Name);
        Assert.Equal(new GetTenantRequest { Id = "mayo" }, verify.Bound!.Request);
    }
}
