using System.Globalization;
using System.Text;

namespace Cluster.Grains.Pipelines;

/// <summary>
/// Uncased BERT's accent stripping (Unicode NFD, then nonspacing marks removed), done without ICU.
/// The hosts run with invariant globalization, where <see cref="string.Normalize()"/> leaves
/// non-ASCII text alone, so the tokenizer's own stripping would turn "Ménière" or "Sjögren" into
/// [UNK]. Latin letters are folded from the tables below; nonspacing marks of any script are
/// dropped. Accented letters of other scripts are left as they are (docs/embeddings.md).
/// </summary>
public static class AccentFolding
{
    // Generated from Unicode 14.0 (Python's unicodedata): for each code point in the range, the
    // NFD decomposition with its nonspacing marks removed; letters without one map to themselves.
    private const char Latin1First = '\u00C0';
    private const string Latin1ToLatinExtendedB =
        "AAAAAAÆCEEEEIIIIÐNOOOOO×ØUUUUYÞßaaaaaaæceeeeiiiiðnooooo÷øuuuuyþyAaAaAaCcCcCcCcDdĐđEeEeEeEeEeGgGgGgGgHhĦħIiIiIiIiIıĲĳJjKkĸLlLlLlĿŀŁłNnNnNnŉŊŋOoOoOoŒœRrRrRrSsSsSsSsTtTtŦŧUuUuUuUuUuUuWwYyYZzZzZzſ"
        + "ƀƁƂƃƄƅƆƇƈƉƊƋƌƍƎƏƐƑƒƓƔƕƖƗƘƙƚƛƜƝƞƟOoƢƣƤƥƦƧƨƩƪƫƬƭƮUuƱƲƳƴƵƶƷƸƹƺƻƼƽƾƿǀǁǂǃǄǅǆǇǈǉǊǋǌAaIiOoUuUuUuUuUuǝAaAaÆæǤǥGgKkOoOoƷʒjǱǲǳGgǶǷNnAaÆæØø"
        + "AaAaEeEeIiIiOoOoRrRrUuUuSsTtȜȝHhȠȡȢȣȤȥAaEeOoOoOoOoYyȴȵȶȷȸȹȺȻȼȽȾȿɀɁɂɃɄɅɆɇɈɉɊɋɌɍɎɏ";

    private const char LatinExtendedAdditionalFirst = '\u1E00';
    private const string LatinExtendedAdditional =
        "AaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIiKkKkKkLlLlLlLlMmMmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUuUuUuUuUuVvVvWwWwWwWwWwXxXxYyZzZzZzhtwyẚſẜẝẞẟ"
        + "AaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEeEeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYyỺỻỼỽỾỿ";

    /// <summary>The text with Latin accents folded and nonspacing marks removed; the same string when there is nothing to fold.</summary>
    public static string Fold(string text)
    {
        var first = 0;
        while (first < text.Length && text[first] < Latin1First) first++;
        if (first == text.Length) return text;

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (c < Latin1First) builder.Append(c);
            else if (c < Latin1First + Latin1ToLatinExtendedB.Length) builder.Append(Latin1ToLatinExtendedB[c - Latin1First]);
            else if (c >= LatinExtendedAdditionalFirst && c < LatinExtendedAdditionalFirst + LatinExtendedAdditional.Length)
                builder.Append(LatinExtendedAdditional[c - LatinExtendedAdditionalFirst]);
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) builder.Append(c);
        }
        return builder.ToString();
    }
}
