using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace Obeya.Domain.Tracks;

/// <summary>What an import does with a date the metric already has a measurement for.</summary>
public enum DuplicateDates
{
    /// <summary>Keep what is stored; the row is left out.</summary>
    Skip,

    /// <summary>Store the row's value as a correction of the stored measurement (unless it is the same value).</summary>
    Correct,
}

/// <summary>One readable row of a measurement file, with its line in the file (1 is the first line).</summary>
public sealed record ImportRow(int Line, LocalDate On, decimal Value, string? Note);

/// <summary>A row that cannot be read, and why, in words the web layer gives the reader.</summary>
public sealed record ImportRowError(int Line, Phrase Why);

/// <summary>How the file was written, as detected: shown in the preview so the reader can check it.</summary>
/// <param name="DecimalComma">41,5 (Dutch) rather than 41.5.</param>
/// <param name="DayFirst">Dates written 02-12-2026 (Dutch) rather than 2026-12-02 (ISO); null when no date was read.</param>
public sealed record ImportFormat(char Separator, bool DecimalComma, bool? DayFirst, bool HasHeader);

/// <summary>
/// A metric's measurements as a CSV file or as cells pasted from Excel: date, value and an optional note per row, with
/// or without a header. Read with Dutch conventions (<c>;</c>, a decimal comma, <c>dd-mm-jjjj</c>) and ISO ones
/// (<c>,</c>, a decimal point, <c>jjjj-mm-dd</c>), detected from the file itself; tab-separated cells are what a copy
/// from Excel gives. Every row that cannot be read is named with its line and why; nothing is stored by reading.
/// </summary>
public sealed partial record MeasurementFile(ImportFormat Format, IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportRowError> Errors)
{
    /// <summary>More rows than this in one import is a mistake or a different tool's job.</summary>
    public const int MaxRows = 50_000;

    private static readonly string[] DateHeaders = ["datum", "date", "dag", "day", "meetdatum", "op", "on"];
    private static readonly string[] ValueHeaders = ["waarde", "value", "meting", "measurement", "aantal", "count", "score", "resultaat"];
    private static readonly string[] NoteHeaders = ["notitie", "note", "opmerking", "toelichting", "remark", "comment"];

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static MeasurementFile Read(string text)
    {
        var (separator, cells) = CsvText.Cells(text);
        if (cells.Count == 0)
        {
            throw new DomainException("file", Phrase.Of("import.empty"));
        }

        var header = cells[0].Cells;
        var hasHeader = CsvText.DateOf(CsvText.At(header, 0)) is null && NumberOf(CsvText.At(header, 1), decimalComma: true) is null && NumberOf(CsvText.At(header, 1), decimalComma: false) is null;
        var (dateColumn, valueColumn, noteColumn) = hasHeader ? ColumnsOf(header) : (0, 1, 2);
        var data = hasHeader ? cells.Skip(1).ToList() : cells;
        if (data.Count > MaxRows)
        {
            throw new DomainException("file", Phrase.Of("import.tooManyRows", data.Count, MaxRows));
        }

        var decimalComma = DecimalCommaOf(data.Select(d => CsvText.At(d.Cells, valueColumn)), separator);
        var rows = new List<ImportRow>();
        var errors = new List<ImportRowError>();
        var seen = new Dictionary<LocalDate, int>();
        int dayFirst = 0, yearFirst = 0;
        foreach (var (line, values) in data)
        {
            var dateText = CsvText.At(values, dateColumn);
            var valueText = CsvText.At(values, valueColumn);
            if (dateText.Length == 0 || valueText.Length == 0)
            {
                errors.Add(new(line, dateText.Length == 0 ? Phrase.Of("import.dateMissing") : Phrase.Of("import.valueMissing")));
                continue;
            }

            if (CsvText.DateOf(dateText) is not { } parsed)
            {
                errors.Add(new(line, Phrase.Of("import.dateUnreadable", CsvText.Shorten(dateText))));
                continue;
            }

            (parsed.DayFirst ? ref dayFirst : ref yearFirst)++;
            if (NumberOf(valueText, decimalComma) is not { } value)
            {
                errors.Add(new(line, decimalComma
                    ? Phrase.Of("import.valueUnreadableComma", CsvText.Shorten(valueText))
                    : Phrase.Of("import.valueUnreadablePoint", CsvText.Shorten(valueText))));
                continue;
            }

            try
            {
                var on = Bounds.Date("on", parsed.Date);
                var row = new ImportRow(line, on, Bounds.Number("value", value), Text.Optional("note", CsvText.At(values, noteColumn)));
                if (seen.TryGetValue(on, out var first))
                {
                    errors.Add(new(line, Phrase.Of("import.dateTwice", on, first)));
                    continue;
                }

                seen[on] = line;
                rows.Add(row);
            }
            catch (DomainException refused)
            {
                errors.Add(new(line, refused.Says));
            }
        }

        return new MeasurementFile(
            new ImportFormat(separator, decimalComma, dayFirst + yearFirst == 0 ? null : dayFirst >= yearFirst, hasHeader), rows, errors);
    }

    private static (int Date, int Value, int Note) ColumnsOf(string[] header)
    {
        int? Find(string[] names) => header.Select((h, i) => (h, i)).Where(x => names.Contains(x.h.ToLowerInvariant())).Select(x => (int?)x.i).FirstOrDefault();
        var date = Find(DateHeaders) ?? 0;
        var value = Find(ValueHeaders) ?? (date == 0 ? 1 : 0);
        // Without a note header, the first column that is neither: rows may have a note where the header has no name.
        var note = Find(NoteHeaders) ?? Enumerable.Range(0, 3).First(i => i != date && i != value);
        return (date, value, note);
    }

    /// <summary>
    /// Whether the values use a decimal comma: decided by the values that say so unambiguously (41,5 or 1.234,5 against
    /// 41.5 or 1,234.5); where none does (whole numbers, or only 1.234), by the separator: a semicolon goes with commas.
    /// </summary>
    private static bool DecimalCommaOf(IEnumerable<string> values, char separator)
    {
        int comma = 0, point = 0;
        foreach (var value in values)
        {
            var lastComma = value.LastIndexOf(',');
            var lastPoint = value.LastIndexOf('.');
            if (lastComma < 0 && lastPoint < 0)
            {
                continue;
            }

            if (lastComma > lastPoint && !ThousandsOnly().IsMatch(value.Replace(',', '.')))
            {
                comma++;
            }
            else if (lastPoint > lastComma && !ThousandsOnly().IsMatch(value))
            {
                point++;
            }
        }

        return comma != point ? comma > point : separator != ',';
    }

    private static decimal? NumberOf(string text, bool decimalComma)
    {
        var cleaned = text.Replace("\u00A0", "").Replace("\u202F", "").Replace(" ", "").TrimEnd('%');
        return decimal.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands,
            decimalComma ? Dutch : CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    [GeneratedRegex(@"^-?\d{1,3}(\.\d{3})+$")]
    private static partial Regex ThousandsOnly();
}

/// <summary>What an import will do with each readable row, against the metric as it is now: the preview, and the write.</summary>
public sealed record MeasurementImportPlan(IReadOnlyList<ImportRow> New, IReadOnlyList<(ImportRow Row, Measurement Stored)> Corrections, IReadOnlyList<ImportRow> Skipped)
{
    public static MeasurementImportPlan Of(Metric metric, IReadOnlyList<ImportRow> rows, DuplicateDates duplicates)
    {
        var stored = metric.Measurements.GroupBy(m => m.On).ToDictionary(g => g.Key, g => g.Last());
        var fresh = new List<ImportRow>();
        var corrections = new List<(ImportRow, Measurement)>();
        var skipped = new List<ImportRow>();
        foreach (var row in rows)
        {
            if (!stored.TryGetValue(row.On, out var measurement))
            {
                fresh.Add(row);
            }
            else if (duplicates == DuplicateDates.Correct && (measurement.Value != row.Value || (row.Note is not null && row.Note != measurement.Note)))
            {
                corrections.Add((row, measurement));
            }
            else
            {
                // Skipped, or already stored as it is: importing the same file again changes nothing.
                skipped.Add(row);
            }
        }

        return new MeasurementImportPlan(fresh, corrections, skipped);
    }
}
