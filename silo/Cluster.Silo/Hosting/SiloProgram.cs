using Cluster.Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Cluster.Silo.Hosting;

/// <summary>
/// Starts a silo: a generic host serving grains only, or, with <c>Silo:HostGateway</c>, a web host
/// that also runs the gateway role over the silo's own grain factory (docs/architecture.md).
/// </summary>
public static class SiloProgram
{
    public static void Run(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        var silo = builder.Configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new();
        if (!silo.HostGateway)
        {
            builder.AddClusterSilo();
            builder.Build().Run();
            return;
        }
        var web = WebApplication.CreateBuilder(args);
        web.AddClusterSilo();
        web.AddGatewayRole();
        var app = web.Build();
        app.MapClusterGateway();
        app.Run();
    }
}
