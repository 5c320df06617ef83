using Microsoft.Extensions.Logging;

namespace Cluster.BenchHost.Hosting;

/// <summary>Warnings and errors only, one line each, so logging costs nothing measurable while load runs.</summary>
public static class BenchLogging
{
    public static void Configure(ILoggingBuilder logging, string host)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = $"HH:mm:ss '[{host}]' ";
        });
    }
}
