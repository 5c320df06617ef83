using System.Globalization;
using System.Text;

namespace Cluster.Client.Tensors;

/// <summary>
/// Writes decoded tensor values as text: invariant culture, shortest round-trip form for floats,
/// <c>true</c>/<c>false</c> for BOOL, and BYTES as UTF-8 text (or <c>base64:...</c> when the
/// element is not valid UTF-8).
/// </summary>
public static class TensorValueFormatter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Format(object value) => value switch
    {
        bool b => b ? "true" : "false",
        byte[] bytes => BytesToText(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A BYTES element as UTF-8 text, or <c>base64:</c> and its Base64 form when it is not UTF-8.</summary>
    public static string BytesToText(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return "base64:" + Convert.ToBase64String(bytes);
        }
    }
}
