using Cluster.Grains.Journal;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Grains.Hosting;

/// <summary>Registers the silo's sweep for abandoned gateway journals (<see cref="JournalRecoveryService"/>).</summary>
public static class JournalServiceCollectionExtensions
{
    public static IServiceCollection AddJournalRecovery(this IServiceCollection services)
    {
        services.AddHostedService<JournalRecoveryService>();
        return services;
    }
}
