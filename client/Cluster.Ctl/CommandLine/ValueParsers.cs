using System.Globalization;
using System.Text.RegularExpressions;
using Google.Protobuf.WellKnownTypes;

namespace Cluster.Ctl.CommandLine;

/// <summary>Parses option values, throwing <see cref="UsageException"/> messages that name the option.</summary>
public static partial class ValueParsers
{
    /// <summary>
    /// An ISO-8601 date or date-time; without an offset it is UTC. A date alone is midnight UTC at
    /// its start, or, with <paramref name="dateMeansEndOfDay"/>, midnight at its end (so that
    /// <c>--to 2025-01-31</c> covers all of 31 January).
    /// </summary>
    public static Timestamp Time(string option, string text, bool dateMeansEndOfDay = false)
    {
        var match = IsoTime().Match(text);
        if (!match.Success || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            throw new UsageException($"{option} '{text}' is not an ISO-8601 date or time (e.g. 2026-01-31 or 2026-01-31T12:00:00Z)");
        if (dateMeansEndOfDay && !match.Groups["time"].Success) time = time.AddDays(1);
        return Timestamp.FromDateTimeOffset(time);
    }

    /// <summary>An integer between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static long Integer(string option, string text, long min, long max)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw new UsageException($"{option} '{text}' is not an integer");
        if (value < min || value > max)
            throw new UsageException(max == long.MaxValue ? $"{option} must be at least {min} (got {value})" : $"{option} must be between {min} and {max} (got {value})");
        return value;
    }

    /// <summary>A number from 0 to <paramref name="max"/>, fractions allowed (<c>2.5</c>); no sign, no exponent.</summary>
    public static double Number(string option, string text, double max)
    {
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value > max)
            throw new UsageException($"{option} '{text}' is not a number between 0 and {max.ToString(CultureInfo.InvariantCulture)}");
        return value;
    }

    /// <summary>One of <paramref name="choices"/>, ignoring case; returns the choice as declared.</summary>
    public static string Choice(string option, string text, IReadOnlyList<string> choices) =>
        choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase))
        ?? throw new UsageException($"{option} '{text}' is not one of {string.Join(", ", choices)}");

    /// <summary>A positive number of seconds, fractions allowed.</summary>
    public static TimeSpan Seconds(string option, string text)
    {
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0 || seconds > 86_400)
            throw new UsageException($"{option} '{text}' is not a number of seconds between 0 and 86400");
        return TimeSpan.FromSeconds(seconds);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(?<time>[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|z|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex IsoTime();
}
