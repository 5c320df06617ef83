using System.Reflection;

namespace Cluster.Gateway.Hosting;

/// <summary>What ServerMetadata and <c>GET /v2</c> report.</summary>
public static class ServerInfo
{
    public const string Name = "health-model-cluster";

    public static string Version { get; } =
        typeof(ServerInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.1.0";

    /// <summary>Protocol extensions served (Triton's names).</summary>
    public static IReadOnlyList<string> Extensions { get; } = ["model_repository", "model_configuration", "statistics"];
}
