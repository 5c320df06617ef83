namespace Cluster.Ctl.CommandLine;

/// <summary>Options accepted anywhere on the line, before or after the command.</summary>
public sealed record class GlobalOptions
{
    public static readonly OptionSpec EndpointOption = new("--endpoint", "URL", "gateway gRPC address (default http://127.0.0.1:8001; host:port means http://host:port)");
    public static readonly OptionSpec KeyFileOption = new("--key-file", "PATH", "file holding the API key (default: environment variable CLUSTER_API_KEY)");
    public static readonly OptionSpec CaFileOption = new("--ca-file", "PATH", "PEM bundle of the CA(s) that issued the gateway's TLS certificate (default: the system's trust store)");
    public static readonly OptionSpec CertFileOption = new("--cert-file", "PATH", "PEM client certificate, for a gateway that requires mutual TLS (with --cert-key)");
    public static readonly OptionSpec CertKeyOption = new("--cert-key", "PATH", "PEM private key of --cert-file");
    public static readonly OptionSpec TimeoutOption = new("--timeout", "SECONDS", "deadline of each call (default 30)");
    public static readonly OptionSpec JsonOption = new("--json", null, "print one JSON document on stdout instead of text");
    public static readonly OptionSpec HelpOption = new("--help", null, "print usage (also -h, or the 'help' command)");

    public static IReadOnlyList<OptionSpec> All { get; } = [EndpointOption, KeyFileOption, CaFileOption, CertFileOption, CertKeyOption, TimeoutOption, JsonOption, HelpOption];

    public string? Endpoint { get; init; }

    public string? KeyFile { get; init; }

    public string? CaFile { get; init; }

    public string? CertFile { get; init; }

    public string? CertKey { get; init; }

    public string? Timeout { get; init; }

    public bool Json { get; init; }

    public bool Help { get; init; }
}
