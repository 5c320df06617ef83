using Cluster.Gateway.Hosting;
using Cluster.Grains.Hosting;
using Cluster.Grains.Repository;
using Cluster.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cluster.IntegrationTests.Security;

/// <summary>
/// The cluster's Orleans endpoints talk mutual TLS (the fixture's silo and gateway are members):
/// a process without a member certificate cannot connect, let alone call a grain.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterTlsTests(ClusterFixture cluster)
{
    /// <summary>An Orleans client of the test cluster, with <paramref name="tls"/> or none.</summary>
    private async Task<IHost> ClientAsync(ClusterTlsOptions? tls, int timeoutSeconds = 30)
    {
        var membership = new ConfigurationBuilder().AddInMemoryCollection(cluster.ClusterSettings).Build()
            .GetSection(ClusterDiscoveryOptions.SectionName).Get<ClusterDiscoveryOptions>()!;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseAzureStorageClustering(o => o.TableServiceClient = new Azure.Data.Tables.TableServiceClient(membership.ConnectionString));
            client.Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (membership.ClusterId, membership.ServiceId));
            if (tls is not null) client.UseClusterTls(tls);
        });
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        await host.StartAsync(timeout.Token);
        return host;
    }

    private static async Task<RepositorySnapshot> Snapshot(IHost client) =>
        await client.Services.GetRequiredService<IClusterClient>().GetGrain<IModelRepositoryGrain>("default").GetSnapshot().WaitAsync(TimeSpan.FromSeconds(20));

    [Fact]
    public async Task AMemberWithTheClusterCertificateCallsGrains()
    {
        var (crt, key) = cluster.Certificates.Member("extra-member");
        using var client = await ClientAsync(new ClusterTlsOptions { CertificateFile = crt, KeyFile = key, CaFile = cluster.Certificates.AuthorityFile });

        Assert.NotEmpty((await Snapshot(client)).Models);
    }

    [Fact]
    public async Task AClientWithoutACertificateCannotReachAGrain()
    {
        var refused = await Record.ExceptionAsync(async () =>
        {
            using var client = await ClientAsync(null, timeoutSeconds: 8);
            await Snapshot(client);
        });

        Assert.NotNull(refused);
    }

    [Fact]
    public async Task AClientWhoseCertificateAnotherAuthorityIssuedCannotReachAGrain()
    {
        using var stranger = TestCertificates.Create("stranger");
        var (crt, key) = stranger.Member("intruder");

        var refused = await Record.ExceptionAsync(async () =>
        {
            // It trusts the cluster's CA, but its own certificate is not the cluster's.
            using var client = await ClientAsync(new ClusterTlsOptions { CertificateFile = crt, KeyFile = key, CaFile = cluster.Certificates.AuthorityFile }, timeoutSeconds: 8);
            await Snapshot(client);
        });

        Assert.NotNull(refused);
    }
}
