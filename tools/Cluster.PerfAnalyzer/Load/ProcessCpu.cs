using System.Globalization;

namespace Cluster.PerfAnalyzer.Load;

/// <summary>
/// CPU time of named processes (Linux <c>/proc/PID/stat</c>: user plus system time, in clock
/// ticks of 1/100 s), read around each measured slice, so a comparison can report what each
/// process spent per request on either side, which machine noise moves far less than throughput.
/// </summary>
public sealed class ProcessCpu(IReadOnlyList<CpuTarget> targets)
{
    /// <summary>Linux's USER_HZ, the unit of the stat file's times.</summary>
    public const double TicksPerSecond = 100;

    public IReadOnlyList<CpuTarget> Targets => targets;

    /// <summary>Each target's CPU seconds so far, in <see cref="Targets"/> order (NaN for one that has gone).</summary>
    public double[] Read() => [.. targets.Select(t => Seconds(t.Pid))];

    /// <summary>User plus system CPU seconds of process <paramref name="pid"/>; NaN when it cannot be read.</summary>
    public static double Seconds(int pid)
    {
        try
        {
            return Parse(File.ReadAllText($"/proc/{pid}/stat"));
        }
        catch (IOException)
        {
            return double.NaN;
        }
        catch (UnauthorizedAccessException)
        {
            return double.NaN;
        }
    }

    /// <summary>
    /// The CPU seconds in one stat line: utime and stime are the 14th and 15th fields, counted after
    /// the command name, which is in parentheses and may itself hold spaces and parentheses.
    /// </summary>
    public static double Parse(string stat)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0) throw new FormatException("a stat line without its command name.");
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is the state (3rd field), so utime (14th) is fields[11] and stime (15th) fields[12].
        if (fields.Length < 13) throw new FormatException("a stat line with too few fields.");
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }
}
