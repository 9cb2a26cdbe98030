using System.Globalization;
using System.Text;
using CsCheck;

namespace Obeya.Domain.Tests.Privacy;

/// <summary>Numbers the way people write them on a board, pasted from Word, Outlook or a phone.</summary>
internal static class WrittenNumbers
{
    /// <summary>The elfproef as the Belastingdienst states it, written apart from the guard's so the two check each other.</summary>
    public static bool IsBsn(string nineDigits)
    {
        var weighted = 0;
        for (var i = 0; i < 9; i++)
        {
            weighted += (i == 8 ? -1 : 9 - i) * (nineDigits[i] - '0');
        }

        return weighted != 0 && weighted % 11 == 0;
    }

    /// <summary>Nine digits that pass the elfproef: eight at random and the check digit that makes them pass.</summary>
    public static readonly Gen<string> Bsn = Gen.Int[0, 9].Array[8]
        .Select(first => (First: first, Sum: first.Select((d, i) => (9 - i) * d).Sum()))
        .Where(bsn => bsn.Sum % 11 < 10 && bsn.Sum >= 11) // a check digit of 10 does not exist; a weighted sum of 0 is no number
        .Select(bsn => string.Concat(bsn.First) + bsn.Sum % 11);

    public static readonly Gen<string> NineDigitsFailingTheElfproef =
        Gen.Int[0, 9].Array[9].Select(d => string.Concat(d)).Where(digits => !IsBsn(digits));

    // Zero of each script's digits: ASCII, full-width, Arabic-Indic, Persian, Devanagari, Bengali, Thai,
    // Mathematical bold (outside the BMP) and Mathematical monospace.
    private static readonly int[] Zeros = ['0', 0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0x1D7CE, 0x1D7F6];

    // The same separator between every group, as someone who types the number would.
    private static readonly string[] Separators =
    [
        " ", ".", "-", "/", "_", " - ", " / ", "  ", ". ", " . ", "\u00A0", "\u202F", "\u2009", "\u2007", "\u3000",
        "\u2013", " \u2013 ", "\u2014", "\u2010", "\u2011", "\u2212", "\uFF0D", "\uFF0E", "\uFF0F", "\u2024",
        "\r\n", "\n", "\t", "\u00A0-\u00A0", "\u200B", "\u00AD",
    ];

    // Spaces as Word and Outlook paste them: a different one in every gap.
    private static readonly string[] Spaces = [" ", "  ", "\u00A0", "\u202F", "\u2009", "\n", "\r\n", "\t", " \n"];

    // Characters nobody sees, dropped in between digits: zero-width space, non-joiner, joiner, word joiner, BOM,
    // soft hyphen, an underline and a keycap.
    private static readonly string[] Invisible = ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u0332", "\uFE0F\u20E3"];

    private static readonly string[] Prefixes =
    [
        "", "BSN ", "BSN-", "BSN:", "BSN: ", "bsn", "bsn.", "BSN\u00A0", "klantnr.", "klantnr", "Klantnummer ", "nr.", "nr ",
        "(", "#", "sofinummer ", "burgerservicenummer: ",
    ];

    private static readonly string[] Suffixes = ["", ".", ")", ",", "!", ";", " "];

    private static readonly string[] Sentences =
    [
        "{0}", "Klant {0} belde", "Bij {0} ging het mis", "Mevrouw ({0}) komt dinsdag", "Terugmelding voor {0} op 12-03-2026",
        "{0}\nbelt steeds terug", "Dossier {0}, tel. 06-12345678", "Aanvraag € 1.250,- van {0} ligt stil",
    ];

    private static readonly Gen<bool[]> Cuts = Gen.Frequency(
        (1, Gen.Const(new[] { false, false, true, false, false, true, false, false })), // 111 222 333
        (1, Gen.Const(new[] { false, false, false, true, false, true, false, false })), // 1112.22.333
        (4, Gen.Bool.Array[8]));

    private static readonly Gen<string[]> Gaps = Gen.Frequency(
        (3, Gen.OneOf(Separators).Select(separator => Enumerable.Repeat(separator, 8).ToArray())),
        (1, Gen.OneOf(Spaces).Array[8]));

    private static readonly Gen<int[]> Scripts = Gen.Frequency(
        (3, Gen.Const(Enumerable.Repeat((int)'0', 9).ToArray())),
        (2, Gen.OneOf(Zeros).Select(zero => Enumerable.Repeat(zero, 9).ToArray())),
        (1, Gen.OneOf(Zeros).Array[9]));

    private static readonly Gen<string?[]> Inserts = Gen.Frequency(
        (2, Gen.Const(new string?[9])),
        (1, Gen.Frequency((4, Gen.Const((string?)null)), (1, Gen.OneOf(Invisible).Select(s => (string?)s))).Array[9]));

    /// <summary>Nine digits in one of the many ways people write them, inside a sentence of a board.</summary>
    public static Gen<string> Written(string nineDigits) =>
        Gen.Select(Cuts, Gaps, Scripts, Inserts, Gen.OneOf(Prefixes), Gen.OneOf(Suffixes), Gen.OneOf(Sentences),
            (cuts, gaps, scripts, inserts, prefix, suffix, sentence) =>
                string.Format(CultureInfo.InvariantCulture, sentence,
                    prefix + Grouped(nineDigits, cuts, gaps, scripts, inserts) + suffix));

    private static string Grouped(string digits, bool[] cuts, string[] gaps, int[] scripts, string?[] inserts)
    {
        var written = new StringBuilder();
        for (var i = 0; i < digits.Length; i++)
        {
            written.Append(char.ConvertFromUtf32(scripts[i] + (digits[i] - '0'))).Append(inserts[i]);
            if (i < digits.Length - 1 && cuts[i])
            {
                written.Append(gaps[i]);
            }
        }

        return written.ToString();
    }

    /// <summary>Dates in the formats Dutch people write, with a time or a count after them now and then.</summary>
    public static readonly Gen<string> Dates =
        Gen.Select(Gen.Int[1, 31], Gen.Int[1, 12], Gen.Int[1990, 2040], Gen.Int[0, 8], Gen.OneOf("", " 9:30", " 10.30 uur", " 09.00-10.30", " om 9 uur"),
            Gen.Int[1, 999], (day, month, year, format, time, count) => format switch
            {
                0 => $"{day}-{month}-{year}{time}",
                1 => $"{day:00}-{month:00}-{year}{time}",
                2 => $"{day:00}/{month:00}/{year}{time}",
                3 => $"{day:00}.{month:00}.{year}{time}",
                4 => $"{day}.{month}.{year % 100:00}{time}",
                5 => $"{year}-{month:00}-{day:00}{time}",
                6 => $"Op {day:00}-{month:00}-{year} {count} klanten teruggemeld",
                7 => $"{day:00}-{month:00}-{year} - {(day % 28) + 1:00}-{month:00}-{year}",
                _ => $"van {day}-{month}-{year} t/m {(day % 28) + 1}-{month}-{year}: {count} signalen",
            });

    /// <summary>An amount in euros as a board writes it, and the digits of its whole euros.</summary>
    public static readonly Gen<(string Text, string Euros)> Amounts =
        Gen.Select(Gen.Long[0, 999_999_999_999], Gen.Int[0, 99], Gen.Int[0, 5], Gen.OneOf("€ ", "€", "EUR ", "€\u00A0", "€\u202F"),
            (euros, cents, format, currency) =>
            {
                var dutch = CultureInfo.GetCultureInfo("nl-NL");
                var digits = euros.ToString(CultureInfo.InvariantCulture);
                var text = format switch
                {
                    0 => euros.ToString("N0", dutch),
                    1 => euros.ToString("N0", dutch) + "," + cents.ToString("00", CultureInfo.InvariantCulture),
                    2 => euros.ToString("N0", dutch) + ",-",
                    3 => digits,
                    4 => digits + "," + cents.ToString("00", CultureInfo.InvariantCulture),
                    _ => euros.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', ' '),
                };
                return (currency + text, digits);
            });

    // Area codes without the trunk 0: mobile, the big cities, a few regions, and the non-geographic 85 and 88.
    private static readonly string[] TwoDigitAreas = ["10", "13", "15", "20", "23", "24", "26", "30", "33", "35", "40", "43", "45", "50", "53", "58", "70", "71", "72", "73", "76", "77", "79", "85", "88"];
    private static readonly string[] ThreeDigitAreas = ["111", "113", "162", "172", "180", "222", "251", "299", "313", "320", "341", "416", "475", "492", "511", "522", "546", "570", "591", "599"];

    /// <summary>A Dutch phone number in one of the common ways of writing it.</summary>
    public static readonly Gen<string> PhoneNumbers =
        Gen.Select(
            Gen.Frequency(
                (3, Gen.Int[0, 99_999_999].Select(n => ("6", n.ToString("00000000", CultureInfo.InvariantCulture)))),
                (2, Gen.Select(Gen.OneOf(TwoDigitAreas), Gen.Int[0, 9_999_999], (area, n) => (area, n.ToString("0000000", CultureInfo.InvariantCulture)))),
                (1, Gen.Select(Gen.OneOf(ThreeDigitAreas), Gen.Int[0, 999_999], (area, n) => (area, n.ToString("000000", CultureInfo.InvariantCulture))))),
            Gen.Int[0, 7], Gen.Int[0, 2], Gen.OneOf("-", " ", "", " - ", "\u00A0", "/"), Gen.OneOf(" ", "\u00A0", "\u202F"),
            (number, format, grouping, separator, space) =>
            {
                var (area, subscriber) = number;
                var grouped = Grouped(subscriber, grouping).Replace(" ", space);
                return format switch
                {
                    0 => $"0{area}{separator}{grouped}",
                    1 => $"+31 {area} {grouped}",
                    2 => $"+31 (0){area} {grouped}",
                    3 => $"+31{area}{subscriber}",
                    4 => $"0031 {area} {grouped}",
                    5 => $"(0{area}) {grouped}",
                    6 => $"bel 0{area}{separator}{grouped} na 10 uur",
                    _ => $"tel.: +31 {area}-{subscriber}",
                };
            });

    private static string Grouped(string subscriber, int grouping) => (subscriber.Length, grouping) switch
    {
        (_, 0) => subscriber,
        (8, 1) => $"{subscriber[..4]} {subscriber[4..]}",
        (8, _) => $"{subscriber[..2]} {subscriber[2..4]} {subscriber[4..6]} {subscriber[6..]}",
        (7, 1) => $"{subscriber[..3]} {subscriber[3..]}",
        (7, _) => $"{subscriber[..3]} {subscriber[3..5]} {subscriber[5..]}",
        (_, 1) => $"{subscriber[..3]} {subscriber[3..]}",
        _ => $"{subscriber[..2]} {subscriber[2..4]} {subscriber[4..]}",
    };

    /// <summary>Ten or more digits in a row (an account, a reference), sometimes with invisible characters in between.</summary>
    public static readonly Gen<string> LongNumbers =
        Gen.Select(Gen.Int[0, 9].Array[10, 24], Gen.Frequency((3, Gen.Const("")), (1, Gen.OneOf(Invisible))), Gen.OneOf("{0}", "Zaak {0} loopt", "Referentie: {0}."),
            (digits, invisible, sentence) => string.Format(CultureInfo.InvariantCulture, sentence, string.Join(invisible, digits)));

    /// <summary>A Dutch IBAN, grouped by four or in one piece.</summary>
    public static readonly Gen<string> Ibans =
        Gen.Select(Gen.Int[10, 99], Gen.OneOf("ABNA", "INGB", "RABO", "SNSB", "TRIO", "BUNQ"), Gen.Long[0, 9_999_999_999], Gen.Bool,
            (check, bank, account, grouped) =>
            {
                var iban = $"NL{check}{bank}{account.ToString("0000000000", CultureInfo.InvariantCulture)}";
                return grouped ? string.Join(' ', iban.Chunk(4).Select(part => new string(part))) : iban;
            });
}
