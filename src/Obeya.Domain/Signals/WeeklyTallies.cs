using NodaTime;
using NodaTime.Calendars;

namespace Obeya.Domain.Signals;

/// <summary>An ISO week (Monday to Sunday) by its week-based year: 31 December 2026 is in week 53 of 2026.</summary>
public readonly record struct IsoWeek(int Year, int Week)
{
    public static IsoWeek Of(LocalDate day) => new(WeekYearRules.Iso.GetWeekYear(day), WeekYearRules.Iso.GetWeekOfWeekYear(day));

    public LocalDate Monday => WeekYearRules.Iso.GetLocalDate(Year, Week, IsoDayOfWeek.Monday);

    public IsoWeek Next() => Of(Monday.PlusWeeks(1));

    /// <summary>Whether the week-based year has a week 53 (a year that starts on a Thursday, or a leap year on a Wednesday).</summary>
    public static bool HasWeek53(int year) => WeekYearRules.Iso.GetWeeksInWeekYear(year) == 53;

    public override string ToString() => $"{Year}-W{Week:00}";
}

/// <summary>The signals of one week: how many, with the week's Monday for a chart's axis.</summary>
public sealed record WeekCount(IsoWeek Week, LocalDate Monday, int Count);

/// <summary>
/// Customer signals counted per ISO week, in the organisation's zone: a tally ("38 vragen op 3 maart") counts with its
/// number, a single signal as one. Every week between the first and the last is in the series, empty ones as 0, so a
/// chart and a trend see the quiet weeks too.
/// </summary>
public static class WeeklyTallies
{
    /// <summary>The day a signal recorded at <paramref name="at"/> belongs to: the date on the clock where it came in.</summary>
    public static LocalDate DayOf(Instant at, DateTimeZone zone) => at.InZone(zone).Date;

    /// <param name="through">A day the series runs on to (with empty weeks) when the last count is earlier: today, so a
    /// theme that went quiet shows it.</param>
    public static IReadOnlyList<WeekCount> Of(IEnumerable<(LocalDate On, int Count)> tallies, LocalDate? through = null)
    {
        var byWeek = tallies.GroupBy(t => IsoWeek.Of(t.On)).ToDictionary(g => g.Key, g => g.Sum(t => t.Count));
        if (byWeek.Count == 0)
        {
            return [];
        }

        var first = byWeek.Keys.MinBy(w => w.Monday);
        var last = byWeek.Keys.MaxBy(w => w.Monday);
        if (through is { } day && IsoWeek.Of(day).Monday > last.Monday)
        {
            last = IsoWeek.Of(day);
        }

        var weeks = new List<WeekCount>();
        for (var week = first; week.Monday <= last.Monday; week = week.Next())
        {
            weeks.Add(new WeekCount(week, week.Monday, byWeek.GetValueOrDefault(week)));
        }

        return weeks;
    }
}

/// <summary>The expected volume of one coming week, and what it rests on.</summary>
/// <param name="YearsSeen">How many earlier years had this week: the more, the surer.</param>
public sealed record WeekForecast(IsoWeek Week, LocalDate Monday, decimal Expected, int YearsSeen);

/// <summary>
/// A seasonal forecast, so that a peak (the driving-licence renewals) shows ahead: each coming week is expected at the
/// mean of the same ISO week in every earlier year of the series (week 53 read as week 52 in a year without one), scaled
/// by how the recent level compares with a year before: the last <see cref="LevelWeeks"/> weeks' total over the same
/// weeks' total a year earlier, when both are there and not zero, else 1. Seasonal naive with a level factor: simple
/// enough to explain at the board, and honest about weeks no earlier year saw (they get no forecast).
/// </summary>
public static class SeasonalForecast
{
    public const int LevelWeeks = 8;

    public static IReadOnlyList<WeekForecast> Of(IReadOnlyList<WeekCount> series, int weeksAhead)
    {
        if (series.Count == 0 || weeksAhead <= 0)
        {
            return [];
        }

        var byWeek = series.ToDictionary(w => w.Week, w => w.Count);
        var last = series[^1].Week;
        var level = LevelFactor(series, byWeek);
        var forecasts = new List<WeekForecast>();
        var week = last.Next();
        for (var i = 0; i < weeksAhead; i++, week = week.Next())
        {
            var earlier = Enumerable.Range(1, week.Year - series[0].Week.Year)
                .Select(back => SameWeek(week, week.Year - back))
                .Where(byWeek.ContainsKey)
                .Select(w => byWeek[w])
                .ToList();
            if (earlier.Count > 0)
            {
                forecasts.Add(new WeekForecast(week, week.Monday, Math.Round((decimal)earlier.Average() * level, 1), earlier.Count));
            }
        }

        return forecasts;
    }

    /// <summary>The week of <paramref name="year"/> that <paramref name="week"/> is the same one of.</summary>
    private static IsoWeek SameWeek(IsoWeek week, int year) =>
        new(year, week.Week == 53 && !IsoWeek.HasWeek53(year) ? 52 : week.Week);

    private static decimal LevelFactor(IReadOnlyList<WeekCount> series, Dictionary<IsoWeek, int> byWeek)
    {
        var recent = series.TakeLast(LevelWeeks).ToList();
        var yearBefore = recent.Select(w => SameWeek(w.Week, w.Week.Year - 1)).ToList();
        if (recent.Count < LevelWeeks || !yearBefore.All(byWeek.ContainsKey))
        {
            return 1m;
        }

        var now = recent.Sum(w => w.Count);
        var then = yearBefore.Sum(w => byWeek[w]);
        return now > 0 && then > 0 ? (decimal)now / then : 1m;
    }
}

/// <summary>Where a theme is going: rising, steady or falling.</summary>
public enum TrendDirection
{
    Falling,
    Steady,
    Rising,
}

/// <summary>
/// The trend of a theme: the last <see cref="Weeks"/> weeks against the <see cref="Weeks"/> before them; a change of
/// more than <see cref="Threshold"/> either way is a direction, less is steady. Null until there are both.
/// </summary>
public static class SignalTrend
{
    public const int Weeks = 4;

    public const decimal Threshold = 0.15m;

    public static TrendDirection? Of(IReadOnlyList<WeekCount> series)
    {
        if (series.Count < 2 * Weeks)
        {
            return null;
        }

        var recent = series.TakeLast(Weeks).Sum(w => w.Count);
        var before = series.SkipLast(Weeks).TakeLast(Weeks).Sum(w => w.Count);
        if (before == 0)
        {
            return recent == 0 ? TrendDirection.Steady : TrendDirection.Rising;
        }

        var change = (decimal)(recent - before) / before;
        return change > Threshold ? TrendDirection.Rising : change < -Threshold ? TrendDirection.Falling : TrendDirection.Steady;
    }
}
