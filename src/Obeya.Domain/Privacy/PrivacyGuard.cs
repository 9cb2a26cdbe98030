using System.Text.RegularExpressions;

namespace Obeya.Domain.Privacy;

/// <summary>
/// Keeps client data off the wall (AVG). A citizen service number (BSN) is refused; e-mail addresses
/// and phone numbers are only warned about, because a colleague's work number may belong on a board.
/// </summary>
public static partial class PrivacyGuard
{
    public const string BsnRefusal =
        "Deze tekst lijkt een burgerservicenummer (BSN) te bevatten. Klantgegevens horen niet op een bord: " +
        "beschrijf groepen en patronen, nooit een klant.";

    public const string EmailWarning = "Deze tekst bevat een e-mailadres. Staat er geen klant in?";
    public const string PhoneWarning = "Deze tekst bevat een telefoonnummer. Staat er geen klant in?";

    /// <summary>The first 9-digit number (dots, spaces or dashes allowed between groups) that passes the elfproef.</summary>
    public static string? FindBsn(string text)
    {
        foreach (Match match in NineDigits().Matches(text))
        {
            var digits = new string(match.Value.Where(char.IsAsciiDigit).ToArray());
            if (PassesElfproef(digits))
            {
                return digits;
            }
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
    public static IReadOnlyList<string> Warnings(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var warnings = new List<string>();
        if (Email().IsMatch(text))
        {
            warnings.Add(EmailWarning);
        }

        if (Phone().IsMatch(text))
        {
            warnings.Add(PhoneWarning);
        }

        return warnings;
    }

    // Nine digits, optionally grouped (123.456.782, 123 45 6782), not part of a longer number.
    [GeneratedRegex(@"(?<![\d.\-])\d(?:[ .\-]?\d){8}(?![\d])")]
    private static partial Regex NineDigits();

    [GeneratedRegex(@"[\w.+\-]+@[\w\-]+(\.[\w\-]+)+", RegexOptions.IgnoreCase)]
    private static partial Regex Email();

    // Dutch numbers: 06-12345678, 020 123 4567, +31 6 12345678, 0031 20 1234567.
    [GeneratedRegex(@"(?<!\d)(?:(?:\+|00)31[ \-]?\(?0?\)?|0)[1-9](?:[ \-]?\d){8}(?!\d)")]
    private static partial Regex Phone();
}
