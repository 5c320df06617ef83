using Cluster.Grains.Inference;
using Cluster.Grains.Placement;

namespace Cluster.IntegrationTests.Placement;

/// <summary>Device-pinned placement across three real silos announcing different devices (docs/placement.md).</summary>
public sealed class DevicePlacementTests(MultiSiloFixture cluster) : IClassFixture<MultiSiloFixture>
{
    private static InferenceRequest Request(string model) =>
        new(model, 1, [new InferenceTensor("INPUT0", "FP32", [1, 4], new byte[16])], []);

    private Task<InferenceResponse> Infer(int fromSilo, string model, int replica) =>
        cluster.Grains(fromSilo).GetGrain<IInferenceShardGrain>(new ShardKey(model, 1, replica).ToString()).Infer(Request(model));

    /// <summary>Every silo's announcement once each shows <paramref name="expected"/> allocations of the model.</summary>
    private async Task<SiloDevices[]> AnnouncementsOnceAllocated(string model, int expected)
    {
        var directory = cluster.Grains(0).GetGrain<IDeviceDirectoryGrain>(IDeviceDirectoryGrain.DefaultKey);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var all = await directory.GetAll();
            var count = all.SelectMany(s => s.Devices).SelectMany(d => d.Allocations).Count(a => a.StartsWith(model + "/", StringComparison.Ordinal));
            if ((all.Length == cluster.Silos.Count && count == expected) || DateTime.UtcNow > deadline) return all;
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task EverySiloAnnouncesItsConfiguredDevices()
    {
        var all = await AnnouncementsOnceAllocated("nothing", 0);

        var announced = Enumerable.Range(0, cluster.Silos.Count)
            .Select(i => all.Single(s => s.Silo.ToString() == cluster.Address(i)))
            .Select(s => string.Join(",", s.Devices.Select(d => $"{d.Name}/{d.Slots}")))
            .ToArray();
        Assert.Equal(["cpu/8", "cpu/4", "cuda:0/4"], announced);
    }

    [Fact]
    public async Task ReplicasOfOneModelSpreadAcrossTheSilosThatAnnounceCpu()
    {
        await cluster.EverySiloSeesEveryAnnouncement();
        var responses = new List<InferenceResponse>();
        for (var r = 0; r < 3; r++) responses.Add(await Infer(0, MultiSiloFixture.SpreadModel, r));

        Assert.All(responses, r => Assert.True(r.IsOk, r.ToString()));
        Assert.All(responses, r => Assert.Equal("cpu", r.Device));
        // Replica 0 and 1 on different silos; the third joins the silo with more free slots. The
        // silo announcing only cuda:0 takes none.
        Assert.Equal(2, responses.Take(2).Select(r => r.Silo).Distinct().Count());
        var all = await AnnouncementsOnceAllocated(MultiSiloFixture.SpreadModel, 3);
        int Held(int silo) => all.Single(s => s.Silo.ToString() == cluster.Address(silo)).Devices
            .Sum(d => d.Allocations.Count(a => a.StartsWith(MultiSiloFixture.SpreadModel + "/", StringComparison.Ordinal)));
        Assert.Equal([2, 1, 0], [Held(0), Held(1), Held(2)]);
    }

    [Fact]
    public async Task AnAutoModelGoesToTheSiloAnnouncingCudaAndFallsBackToCpuThereWhenCudaDoesNotLoad()
    {
        await cluster.EverySiloSeesEveryAnnouncement();
        var response = await Infer(1, MultiSiloFixture.AutoModel, 0);

        Assert.True(response.IsOk, response.ToString());
        Assert.Equal("cpu", response.Device);
        var all = await AnnouncementsOnceAllocated(MultiSiloFixture.AutoModel, 1);
        var holder = all.Single(s => s.Devices.Any(d => d.Allocations.Contains($"{MultiSiloFixture.AutoModel}/1/0")));
        Assert.Equal(cluster.Address(2), holder.Silo.ToString());
        Assert.Contains($"{MultiSiloFixture.AutoModel}/1/0", holder.Devices.Single(d => d.Name == "cuda:0").Allocations);
    }

    [Fact]
    public async Task AGpuModelLandsNowhereWhenNoSiloCanLoadCuda()
    {
        var response = await Infer(0, MultiSiloFixture.GpuModel, 0);

        Assert.Equal(InferenceStatus.Unavailable, response.Status);
        Assert.Contains("CUDA", response.Message);
        var all = await AnnouncementsOnceAllocated(MultiSiloFixture.GpuModel, 0);
        Assert.DoesNotContain(all.SelectMany(s => s.Devices).SelectMany(d => d.Allocations), a => a.StartsWith(MultiSiloFixture.GpuModel + "/", StringComparison.Ordinal));
    }
}
