using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Models;

/// <summary><c>model lifecycle NAME VERSION STATE [--sunset ISO8601]</c></summary>
public static class ModelLifecycleCommand
{
    public static CommandSpec Spec { get; } = new()
    {
        Name = "model lifecycle",
        Summary = "Moves a model version to STATE: Draft, Validated, Approved, Deprecated (needs --sunset) or Retired.",
        Arguments = ["NAME", "VERSION", "STATE"],
        Options = [new OptionSpec("--sunset", "ISO8601", "when a Deprecated version stops serving")],
        Bind = Bind,
    };

    private static BoundCommand Bind(ParsedArguments args)
    {
        var state = LifecycleStateParser.Parse(args.Argument("STATE"));
        var sunset = args.Value("--sunset");
        if (state == LifecycleState.Deprecated && sunset is null) throw new UsageException("--sunset is required when STATE is Deprecated");
        if (state != LifecycleState.Deprecated && sunset is not null) throw new UsageException("--sunset applies only when STATE is Deprecated");
        var request = new SetLifecycleRequest
        {
            Model = args.Argument("NAME"),
            Version = args.Argument("VERSION"),
            State = state,
            SunsetAt = sunset is null ? null : ValueParsers.Time("--sunset", sunset),
        };
        return BoundCommand.Unary(
            request,
            (client, r, ct) => client.Models.SetLifecycleAsync(r, cancellationToken: ct),
            ModelView.Card);
    }
}
