using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace Cluster.Ctl.Output;

/// <summary>How values read in text output: ISO-8601 UTC times, "-" for nothing.</summary>
public static class Display
{
    public const string None = "-";

    /// <summary><c>2026-01-31T12:00:00Z</c>, or <paramref name="unset"/> when there is no time.</summary>
    public static string Time(Timestamp? time, string unset = None) =>
        time is null ? unset : time.ToDateTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Text(string? text) => string.IsNullOrEmpty(text) ? None : text;

    /// <summary>A protobuf enum by its C# name (<c>Active</c>, <c>Deprecated</c>); "-" when unspecified.</summary>
    public static string Enum<T>(T value) where T : struct, System.Enum =>
        Convert.ToInt32(value, CultureInfo.InvariantCulture) == 0 ? None : value.ToString();

    public static string List(IEnumerable<string> items)
    {
        var text = string.Join(", ", items);
        return text.Length == 0 ? None : text;
    }
}
