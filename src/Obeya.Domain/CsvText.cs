using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using nietras.SeparatedValues;

namespace Obeya.Domain;

/// <summary>
/// What every import of a spreadsheet reads alike: the cells of a CSV file or of cells pasted from Excel (the separator
/// detected from the first line), and dates as Dutch (<c>dd-mm-jjjj</c>) or ISO (<c>jjjj-mm-dd</c>) write them.
/// </summary>
public static partial class CsvText
{
    /// <summary>The non-empty rows with their line in the file (1 is the first line), cells trimmed.</summary>
    public static (char Separator, List<(int Line, string[] Cells)> Rows) Cells(string? text)
    {
        text = (text ?? "").TrimStart('\uFEFF');
        var separator = SeparatorOf(text);
        var rows = new List<(int Line, string[] Cells)>();
        using var reader = Sep.New(separator).Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).FromText(text);
        foreach (var row in reader)
        {
            var values = new string[row.ColCount];
            for (var i = 0; i < row.ColCount; i++)
            {
                values[i] = row[i].ToString().Trim();
            }

            if (values.Any(v => v.Length > 0))
            {
                // Sep 0.17 numbers the first row of a file without a header as line 2; every later row it numbers right.
                rows.Add((row.RowIndex == 0 ? 1 : row.LineNumberFrom, values));
            }
        }

        return (separator, rows);
    }

    /// <summary>The separator of the first line with content: a semicolon or a tab where there is one, else a comma.</summary>
    private static char SeparatorOf(string text)
    {
        var first = text.Split('\n').FirstOrDefault(l => l.Trim().Length > 0) ?? "";
        return first.Contains(';') ? ';' : first.Contains('\t') ? '\t' : ',';
    }

    private static readonly LocalDatePattern[] DayFirstPatterns =
        [.. new[] { "d-M-uuuu", "d/M/uuuu", "d.M.uuuu" }.Select(p => LocalDatePattern.CreateWithInvariantCulture(p))];

    private static readonly LocalDatePattern[] YearFirstPatterns =
        [.. new[] { "uuuu-M-d", "uuuu/M/d" }.Select(p => LocalDatePattern.CreateWithInvariantCulture(p))];

    /// <summary>A date as Dutch (day first) or ISO (year first) writes it; a time of midnight after it, as Excel adds, is left off.</summary>
    public static (LocalDate Date, bool DayFirst)? DateOf(string text)
    {
        var date = MidnightAfter().Replace(text.Trim(), "");
        foreach (var (patterns, dayFirst) in new[] { (DayFirstPatterns, true), (YearFirstPatterns, false) })
        {
            foreach (var pattern in patterns)
            {
                if (pattern.Parse(date) is { Success: true } parsed)
                {
                    return (parsed.Value, dayFirst);
                }
            }
        }

        return null;
    }

    /// <summary>A cell as a message quotes it: a long one is cut, so a wrong column does not fill the screen.</summary>
    public static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>The cell in <paramref name="column"/>, empty where the row is shorter.</summary>
    public static string At(string[] cells, int column) => column < cells.Length ? cells[column] : "";

    [GeneratedRegex(@"[ T]0?0:00(:00)?$")]
    private static partial Regex MidnightAfter();
}
