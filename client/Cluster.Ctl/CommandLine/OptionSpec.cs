namespace Cluster.Ctl.CommandLine;

/// <summary>
/// One option: <c>--name VALUE</c> (or <c>--name=VALUE</c>), or a flag when <see cref="ValueName"/>
/// is null. <see cref="Repeatable"/> options collect every occurrence.
/// </summary>
public sealed record class OptionSpec(string Name, string? ValueName, string Help)
{
    public bool Required { get; init; }

    public bool Repeatable { get; init; }

    public bool IsFlag => ValueName is null;

    /// <summary><c>--name NAME</c>, <c>[--reason TEXT]</c>, <c>--model NAME...</c>, <c>[--output NAME]...</c>.</summary>
    public string Synopsis
    {
        get
        {
            var text = IsFlag ? Name : $"{Name} {ValueName}";
            if (!Required) text = $"[{text}]";
            return Repeatable ? text + "..." : text;
        }
    }
}
