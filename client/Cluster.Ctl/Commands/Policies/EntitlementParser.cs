using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Policies;

/// <summary>
/// Reads <c>--model NAME[:VERSION|:latest|:*]</c>: an exact version (digits), <c>latest</c> (the
/// newest ready version) or <c>*</c> (any version); no suffix means <c>latest</c>.
/// </summary>
public static class EntitlementParser
{
    public const string Latest = "latest";
    public const string Any = "*";

    public static Entitlement Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        var name = colon < 0 ? text : text[..colon];
        var version = colon < 0 ? Latest : text[(colon + 1)..];
        if (name.Length == 0) throw new UsageException($"--model '{text}' has no model name");
        if (version.Length == 0) throw new UsageException($"--model '{text}' has an empty version; use NAME, NAME:VERSION, NAME:latest or NAME:*");
        if (string.Equals(version, Latest, StringComparison.OrdinalIgnoreCase)) version = Latest;
        else if (version != Any && !version.All(char.IsAsciiDigit))
            throw new UsageException($"--model '{text}': version must be a number, 'latest' or '*'");
        return new Entitlement { Model = name, Version = version };
    }

    /// <summary><c>name:version</c>, as <c>--model</c> takes it.</summary>
    public static string Format(Entitlement entitlement) => $"{entitlement.Model}:{entitlement.Version}";
}
