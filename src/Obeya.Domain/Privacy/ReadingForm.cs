using System.Buffers;
using System.Globalization;
using System.Text;

namespace Obeya.Domain.Privacy;

/// <summary>
/// A text as a reader sees it, so the privacy guard looks at what the wall shows and not at how it was typed:
/// compatibility forms folded (NFKC: full-width "１２３" and "＠", circled and superscript digits), invisible
/// characters and combining marks dropped, the digits of any script as 0-9, every kind of space as ' ' and every
/// dash as '-'.
/// </summary>
internal static class ReadingForm
{
    public static string Of(string text)
    {
        var folded = WithoutLoneSurrogates(text).Normalize(NormalizationForm.FormKC);
        var read = new StringBuilder(folded.Length);
        foreach (var rune in folded.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                // "1\u200B2" reads as 12, and "1\uFE0F\u20E3" (the keycap emoji) as 1.
                continue;
            }

            if (category == UnicodeCategory.DecimalDigitNumber)
            {
                read.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
            }
            else if (Rune.IsWhiteSpace(rune) || Text.IsInvisible(rune))
            {
                read.Append(' ');
            }
            else if (category == UnicodeCategory.DashPunctuation || rune.Value == 0x2212)
            {
                read.Append('-');
            }
            else
            {
                read.Append(rune.ToString());
            }
        }

        return read.ToString();
    }

    // Normalising refuses a lone surrogate; the guard must still read the rest (Text refuses the surrogate itself).
    private static string WithoutLoneSurrogates(string text)
    {
        if (!text.Any(char.IsSurrogate))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) != OperationStatus.Done)
            {
                clean.Append('\uFFFD');
                i += 1;
                continue;
            }

            clean.Append(rune.ToString());
            i += used;
        }

        return clean.ToString();
    }
}
