using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Hosting;

/// <summary>
/// Sets the host's graceful-stop budget (<see cref="HostOptions.ShutdownTimeout"/>) from the roles
/// a process runs: each role asks for its own, and the host gets the largest (a silo co-hosting the
/// gateway role needs time for both), never .NET's 30 s default unless nobody asked.
/// </summary>
public static class ShutdownTimeoutExtensions
{
    public static IServiceCollection AddShutdownTimeout(this IServiceCollection services, TimeSpan timeout)
    {
        services.AddSingleton(new RequestedShutdownTimeout(timeout));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HostOptions>, ShutdownTimeoutConfigurator>());
        return services;
    }

    private sealed record class RequestedShutdownTimeout(TimeSpan Timeout);

    private sealed class ShutdownTimeoutConfigurator(IEnumerable<RequestedShutdownTimeout> requested) : IConfigureOptions<HostOptions>
    {
        public void Configure(HostOptions options) => options.ShutdownTimeout = requested.Max(r => r.Timeout);
    }
}
