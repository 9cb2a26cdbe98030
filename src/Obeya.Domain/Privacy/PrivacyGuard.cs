using System.Text.RegularExpressions;

namespace Obeya.Domain.Privacy;

/// <summary>
/// Keeps client data off the wall (AVG). A citizen service number (BSN) is refused; e-mail addresses
/// and phone numbers are only warned about, because a colleague's work number may belong on a board.
/// </summary>
/// <remarks>
/// The guard reads a text the way a person reads the wall (<see cref="ReadingForm"/>): digits of any script,
/// zero-width characters gone, every space a space. Where it cannot tell a BSN from an ordinary number it refuses,
/// because a refused sentence costs a rewording and a BSN on a wall is a data breach.
/// </remarks>
public static partial class PrivacyGuard
{
    public static readonly Phrase BsnRefusal = Phrase.Of("bsn.refused");

    public static readonly Phrase EmailWarning = Phrase.Of("privacy.emailWarning");
    public static readonly Phrase PhoneWarning = Phrase.Of("privacy.phoneWarning");

    /// <summary>At most this many separator characters join two groups of digits into one number (" - " is three).</summary>
    public const int MaxSeparatorLength = 5;

    /// <summary>
    /// The first nine digits, written the way people write a number, that pass the elfproef; null when there are none.
    /// </summary>
    /// <remarks>
    /// Digits in groups count as one number when only spaces, dashes, dots, slashes or underscores stand between the
    /// groups (at most <see cref="MaxSeparatorLength"/> of them, line breaks included); a prefix glued on
    /// ("BSN-111222333") does not hide it. Any run of whole groups that makes nine digits is a candidate, so a BSN
    /// followed by a count ("111222333 3 keer") is still found. Not a BSN: an unbroken run of ten or more digits
    /// (an IBAN's account, a phone number); a date ("12-03-2026", "2026-03-12") and a Dutch phone number, which are
    /// set aside before looking; and a number grouped in thousands that has more than nine digits ("1.234.567.890"),
    /// which reads as one number. A nine-digit amount that passes the elfproef ("€ 123.456.782") is refused: it is
    /// written exactly as a BSN is, and "€ 123,5 miljoen" says the same on a board.
    /// </remarks>
    public static string? FindBsn(string text)
    {
        var read = OrdinaryNumbersSetAside(ReadingForm.Of(text));
        var groups = DigitGroups().Matches(read);
        var chunkStart = 0;
        for (var i = 0; i < groups.Count; i++)
        {
            var last = i + 1 == groups.Count || !Joins(read, groups[i], groups[i + 1]);
            if (!last)
            {
                continue;
            }

            if (FirstBsnIn(read, groups, chunkStart, i) is { } bsn)
            {
                return bsn;
            }

            chunkStart = i + 1;
        }

        return null;
    }

    /// <summary>
    /// The BSN variant of the elfproef: 9×d1 + 8×d2 + … + 2×d8 − 1×d9 is a multiple of 11 (and not 0,
    /// so that 000000000 is not a number).
    /// </summary>
    public static bool PassesElfproef(string nineDigits)
    {
        if (nineDigits.Length != 9 || !nineDigits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (9 - i) * (nineDigits[i] - '0');
        }

        sum -= nineDigits[8] - '0';
        return sum != 0 && sum % 11 == 0;
    }

    /// <summary>Warnings (Dutch) for contact details that may belong to a client.</summary>
    public static IReadOnlyList<Phrase> Warnings(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var read = ReadingForm.Of(text);
        var warnings = new List<Phrase>();
        if (Email().IsMatch(read))
        {
            warnings.Add(EmailWarning);
        }

        // Dates first: "01-02-2026 12:00" has the shape of a phone number.
        if (Phone().IsMatch(Date().Replace(read, SetAside)))
        {
            warnings.Add(PhoneWarning);
        }

        return warnings;
    }

    private static string OrdinaryNumbersSetAside(string read) => Phone().Replace(Date().Replace(read, SetAside), SetAside);

    // The same length, no digits and no separators: what is set aside neither joins nor splits its neighbours.
    private static string SetAside(Match match) => new('#', match.Length);

    private static bool Joins(string read, Match left, Match right)
    {
        var gap = read.AsSpan(left.Index + left.Length, right.Index - left.Index - left.Length);
        return gap.Length <= MaxSeparatorLength && !gap.ContainsAnyExcept(" -./_");
    }

    private static string? FirstBsnIn(string read, MatchCollection groups, int first, int last)
    {
        if (IsGroupedInThousands(read, groups, first, last))
        {
            var digits = string.Concat(Enumerable.Range(first, last - first + 1).Select(i => groups[i].Value));
            return PassesElfproef(digits) ? digits : null;
        }

        for (var start = first; start <= last; start++)
        {
            var length = 0;
            for (var end = start; end <= last && length < 9; end++)
            {
                length += groups[end].Length;
                if (length == 9)
                {
                    var digits = string.Concat(Enumerable.Range(start, end - start + 1).Select(i => groups[i].Value));
                    if (PassesElfproef(digits))
                    {
                        return digits;
                    }
                }
            }
        }

        return null;
    }

    // 1.234.567.890 or 12 345 678 901: one to three digits, then threes, one separator throughout.
    private static bool IsGroupedInThousands(string read, MatchCollection groups, int first, int last)
    {
        if (last == first || groups[first].Length > 3)
        {
            return false;
        }

        var separator = read[groups[first].Index + groups[first].Length];
        for (var i = first + 1; i <= last; i++)
        {
            var gapStart = groups[i - 1].Index + groups[i - 1].Length;
            if (groups[i].Length != 3 || groups[i].Index - gapStart != 1 || read[gapStart] != separator)
            {
                return false;
            }
        }

        return separator is ' ' or '.';
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex DigitGroups();

    // 12-03-2026, 1.3.26, 12/03/2026 and 2026-03-12, one separator throughout, not part of a longer number.
    [GeneratedRegex(@"(?<![0-9][\-./_]?)(?:(?:0?[1-9]|[12][0-9]|3[01])(?<s>[\-./])(?:0?[1-9]|1[0-2])\k<s>(?:[0-9]{4}|[0-9]{2})|(?:19|20)[0-9]{2}(?<t>[\-./])(?:0?[1-9]|1[0-2])\k<t>(?:0?[1-9]|[12][0-9]|3[01]))(?![\-./_]?[0-9])")]
    private static partial Regex Date();

    [GeneratedRegex(@"[\w.+\-]+@[\w\-]+(\.[\w\-]+)+", RegexOptions.IgnoreCase)]
    private static partial Regex Email();

    // Dutch numbers: 06-12345678, 020 123 4567, (020) 123 45 67, +31 6 12345678, +31 (0)20 123 4567, 0031 20 1234567.
    [GeneratedRegex(@"(?<![0-9+])(?:(?:\+|00) ?31 ?-? ?(?:\(0\) ?-? ?)?|\(?0)[1-9](?:\)?[ \-./]{0,3}[0-9]){8}(?![0-9])")]
    private static partial Regex Phone();
}
