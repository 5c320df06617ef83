namespace Cluster.Gateway.Hosting;

/// <summary>The values of <c>Gateway:Tls:ClientCertificates</c>.</summary>
public static class ClientCertificateModes
{
    public const string None = "None";
    public const string Allow = "Allow";
    public const string Require = "Require";

    public static IReadOnlyList<string> All { get; } = [None, Allow, Require];
}
