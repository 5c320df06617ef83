using System.Globalization;

namespace Cluster.BenchHost.Hosting;

/// <summary>Resident memory of processes from <c>/proc/PID/status</c> (VmRSS now, VmHWM the peak), printed for a run's record.</summary>
public static class ProcessMemory
{
    public static void Print(string when, IEnumerable<(string Name, int Pid)> targets)
    {
        foreach (var (name, pid) in targets)
        {
            var (rss, peak) = Read(pid);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory {when}: {name} RSS {rss / 1024.0:0} MiB, peak {peak / 1024.0:0} MiB"));
        }
    }

    /// <summary>VmRSS and VmHWM in KiB; zeros when the file cannot be read.</summary>
    public static (long RssKiB, long PeakKiB) Read(int pid)
    {
        try
        {
            long rss = 0, peak = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kib(line);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kib(line);
            }
            return (rss, peak);
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }

    private static long Kib(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
