using System.Globalization;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Signals;

/// <summary>One readable row of a tally file: a theme's count of a day and channel, with its line in the file.</summary>
public sealed record TallyRow(int Line, Guid ThemeId, DayCount Tally);

/// <summary>
/// Tallies from a KCC or CRM export: date, channel, theme and count per row, with or without a header (whose names may
/// put the columns in any order), in Dutch or ISO dates. Themes are named as in the organisation's list (case does
/// not matter); channels in Dutch or English. Rows of one day, channel and theme add up, as an export split by
/// sub-theme gives them. Every row that cannot be read is named with its line and why; nothing is stored by reading.
/// </summary>
public sealed record TallyFile(bool HasHeader, bool? DayFirst, IReadOnlyList<TallyRow> Rows, IReadOnlyList<ImportRowError> Errors)
{
    /// <summary>A year of a KCC's daily counts per theme and channel fits many times over.</summary>
    public const int MaxRows = 100_000;

    private static readonly string[] DateHeaders = ["datum", "date", "dag", "day"];
    private static readonly string[] ChannelHeaders = ["kanaal", "channel", "via"];
    private static readonly string[] ThemeHeaders = ["thema", "theme", "onderwerp", "subject", "topic"];
    private static readonly string[] CountHeaders = ["aantal", "count", "number", "signalen", "vragen"];

    /// <summary>The words a channel goes by in exports, Dutch and English.</summary>
    private static readonly Dictionary<string, Channel> ChannelWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["telefoon"] = Channel.Phone, ["telefonisch"] = Channel.Phone, ["phone"] = Channel.Phone, ["tel"] = Channel.Phone,
        ["balie"] = Channel.Desk, ["loket"] = Channel.Desk, ["desk"] = Channel.Desk,
        ["e-mail"] = Channel.Email, ["email"] = Channel.Email, ["mail"] = Channel.Email,
        ["web"] = Channel.Web, ["website"] = Channel.Web, ["internet"] = Channel.Web, ["webformulier"] = Channel.Web,
        ["brief"] = Channel.Letter, ["post"] = Channel.Letter, ["letter"] = Channel.Letter,
        ["wijkteam"] = Channel.NeighbourhoodTeam, ["neighbourhoodteam"] = Channel.NeighbourhoodTeam, ["neighbourhood team"] = Channel.NeighbourhoodTeam,
    };

    public static Channel? ChannelOf(string word) => ChannelWords.TryGetValue(word.Trim(), out var channel) ? channel : null;

    public static TallyFile Read(string? text, IReadOnlyDictionary<string, Guid> themesByName)
    {
        var themes = new Dictionary<string, Guid>(themesByName, StringComparer.CurrentCultureIgnoreCase);
        var (_, cells) = CsvText.Cells(text);
        if (cells.Count == 0)
        {
            throw new DomainException("file", Phrase.Of("import.empty"));
        }

        var header = cells[0].Cells;
        var hasHeader = CsvText.DateOf(CsvText.At(header, 0)) is null && !int.TryParse(CsvText.At(header, 3), out _);
        var (dateColumn, channelColumn, themeColumn, countColumn) = hasHeader ? ColumnsOf(header) : (0, 1, 2, 3);
        var data = hasHeader ? cells.Skip(1).ToList() : cells;
        if (data.Count > MaxRows)
        {
            throw new DomainException("file", Phrase.Of("import.tooManyRows", data.Count, MaxRows));
        }

        var sums = new Dictionary<(Guid Theme, NodaTime.LocalDate On, Channel Channel), (int Line, int Count)>();
        var errors = new List<ImportRowError>();
        int dayFirst = 0, yearFirst = 0;
        foreach (var (line, values) in data)
        {
            var dateText = CsvText.At(values, dateColumn);
            var channelText = CsvText.At(values, channelColumn);
            var themeText = CsvText.At(values, themeColumn);
            var countText = CsvText.At(values, countColumn);
            if (CsvText.DateOf(dateText) is not { } parsed)
            {
                errors.Add(new(line, dateText.Length == 0 ? Phrase.Of("import.dateMissing") : Phrase.Of("import.dateUnreadable", CsvText.Shorten(dateText))));
                continue;
            }

            (parsed.DayFirst ? ref dayFirst : ref yearFirst)++;
            if (ChannelOf(channelText) is not { } channel)
            {
                errors.Add(new(line, Phrase.Of("signals.channelUnreadable", CsvText.Shorten(channelText))));
                continue;
            }

            if (!themes.TryGetValue(themeText.Trim(), out var themeId))
            {
                errors.Add(new(line, Phrase.Of("signals.themeUnknown", CsvText.Shorten(themeText))));
                continue;
            }

            if (!int.TryParse(countText.Replace(".", "").Replace("\u00A0", "").Replace(" ", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                || count is < 1 or > SignalDecisions.MaxCount)
            {
                errors.Add(new(line, Phrase.Of("signals.countUnreadable", CsvText.Shorten(countText), SignalDecisions.MaxCount)));
                continue;
            }

            try
            {
                var on = Bounds.Date("on", parsed.Date);
                var key = (themeId, on, channel);
                sums[key] = sums.TryGetValue(key, out var sum) ? (sum.Line, sum.Count + count) : (line, count);
                if (sums[key].Count > SignalDecisions.MaxCount)
                {
                    errors.Add(new(line, Phrase.Of("signals.countUnreadable", sums[key].Count, SignalDecisions.MaxCount)));
                }
            }
            catch (DomainException refused)
            {
                errors.Add(new(line, refused.Says));
            }
        }

        var rows = sums.Where(s => s.Value.Count <= SignalDecisions.MaxCount).OrderBy(s => s.Value.Line)
            .Select(s => new TallyRow(s.Value.Line, s.Key.Theme, new DayCount(s.Key.On, s.Key.Channel, s.Value.Count))).ToList();
        return new TallyFile(hasHeader, dayFirst + yearFirst == 0 ? null : dayFirst >= yearFirst, rows, [.. errors.OrderBy(e => e.Line)]);
    }

    private static (int Date, int Channel, int Theme, int Count) ColumnsOf(string[] header)
    {
        int? Find(string[] names) => header.Select((h, i) => (h, i)).Where(x => names.Contains(x.h.ToLowerInvariant())).Select(x => (int?)x.i).FirstOrDefault();
        return (Find(DateHeaders) ?? 0, Find(ChannelHeaders) ?? 1, Find(ThemeHeaders) ?? 2, Find(CountHeaders) ?? 3);
    }
}
