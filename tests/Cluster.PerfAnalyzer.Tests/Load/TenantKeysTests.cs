using Cluster.PerfAnalyzer;
using Cluster.PerfAnalyzer.Load;

namespace Cluster.PerfAnalyzer.Tests.Load;

public class TenantKeysTests
{
    [Fact]
    public void EachLineIsAKeyAndAModelAndBlankLinesAreSkipped()
    {
        var keys = TenantKeys.Parse(["hsk_a_1 model-00", "", "  hsk_b_2   model-01  "]);

        Assert.Equal([new TenantKey("hsk_a_1", "model-00"), new TenantKey("hsk_b_2", "model-01")], keys);
    }

    [Fact]
    public void AMalformedLineIsRefusedByNumberWithoutEchoingTheSecret()
    {
        var ex = Assert.Throws<PerfSetupException>(() => TenantKeys.Parse(["hsk_a_1 model-00", "hsk_secret_value"]));

        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hsk_secret_value", ex.Message, StringComparison.Ordinal);
    }
}
