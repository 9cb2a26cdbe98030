using NodaTime;
using Obeya.Domain.Signals;

namespace Obeya.Domain.Tests.Signals;

/// <summary>Customer signals per week: ISO weeks in the organisation's zone, and a seasonal forecast that sees a peak coming.</summary>
public class WeeklyTalliesTests
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    [Fact]
    public void the_turn_of_the_year_falls_in_the_iso_week_it_belongs_to()
    {
        // 2026 starts on a Thursday, so it has a week 53, running on to Sunday 3 January 2027.
        var weeks = WeeklyTallies.Of([(new LocalDate(2026, 12, 28), 5), (new LocalDate(2026, 12, 31), 38), (new LocalDate(2027, 1, 1), 2), (new LocalDate(2027, 1, 4), 7)]);

        weeks.Should().Equal(
            new WeekCount(new IsoWeek(2026, 53), new LocalDate(2026, 12, 28), 45),
            new WeekCount(new IsoWeek(2027, 1), new LocalDate(2027, 1, 4), 7));
        IsoWeek.HasWeek53(2026).Should().BeTrue();
        IsoWeek.HasWeek53(2027).Should().BeFalse();
    }

    [Fact]
    public void a_signal_counts_on_the_day_of_the_clock_where_it_came_in_across_both_changes_of_summer_time()
    {
        LocalDate Day(int month, int day, int hour, int minute) => WeeklyTallies.DayOf(Instant.FromUtc(2026, month, day, hour, minute), Amsterdam);

        // 29 March: 00:30 UTC is 01:30 winter time on the Sunday; 22:30 UTC is 00:30 summer time on the Monday.
        IsoWeek.Of(Day(3, 29, 0, 30)).Should().Be(new IsoWeek(2026, 13));
        IsoWeek.Of(Day(3, 29, 22, 30)).Should().Be(new IsoWeek(2026, 14));
        // 25 October: 00:30 UTC is 02:30 summer time on the Sunday; 23:30 UTC is 00:30 winter time on the Monday.
        IsoWeek.Of(Day(10, 25, 0, 30)).Should().Be(new IsoWeek(2026, 43));
        IsoWeek.Of(Day(10, 25, 23, 30)).Should().Be(new IsoWeek(2026, 44));
    }

    [Fact]
    public void weeks_without_signals_are_in_the_series_as_zero()
    {
        var weeks = WeeklyTallies.Of([(new LocalDate(2026, 3, 2), 4), (new LocalDate(2026, 3, 25), 1)]);

        weeks.Select(w => (w.Week.Week, w.Count)).Should().Equal((10, 4), (11, 0), (12, 0), (13, 1));
        WeeklyTallies.Of([]).Should().BeEmpty();
    }

    /// <summary>Two years of a theme: <paramref name="baseline"/> a week, and a peak of <paramref name="peak"/> in weeks 10–12.</summary>
    private static IEnumerable<(LocalDate, int)> Year(int year, int baseline, int peak) =>
        Enumerable.Range(1, IsoWeek.HasWeek53(year) ? 53 : 52).Select(w => (new IsoWeek(year, w).Monday, w is >= 10 and <= 12 ? peak : baseline));

    [Fact]
    public void the_seasonal_forecast_shows_the_peak_of_earlier_years_ahead()
    {
        var series = WeeklyTallies.Of([.. Year(2024, 10, 60), .. Year(2025, 10, 60)]);

        var ahead = SeasonalForecast.Of(series, weeksAhead: 14);

        ahead.Should().HaveCount(14);
        ahead[0].Week.Should().Be(new IsoWeek(2026, 1));
        ahead.Where(f => f.Week.Week is >= 10 and <= 12).Should().OnlyContain(f => f.Expected == 60 && f.YearsSeen == 2);
        ahead.Where(f => f.Week.Week is < 10 or > 12).Should().OnlyContain(f => f.Expected == 10);
    }

    [Fact]
    public void a_level_that_doubled_since_last_year_doubles_what_the_earlier_years_say()
    {
        var series = WeeklyTallies.Of([.. Year(2024, 10, 60), .. Year(2025, 20, 120)]);

        var ahead = SeasonalForecast.Of(series, weeksAhead: 12);

        // The mean of the two years (15 a week, 90 at the peak) times the last eight weeks against a year before (2).
        ahead.Single(f => f.Week == new IsoWeek(2026, 11)).Expected.Should().Be(180);
        ahead.Single(f => f.Week == new IsoWeek(2026, 5)).Expected.Should().Be(30);
    }

    [Fact]
    public void a_week_no_earlier_year_saw_gets_no_forecast_and_week_53_reads_week_52()
    {
        // Only the autumn of 2025 is known: January 2026 has no earlier January.
        var autumn = WeeklyTallies.Of(Enumerable.Range(40, 13).Select(w => (new IsoWeek(2025, w).Monday, 5)));
        SeasonalForecast.Of(autumn, weeksAhead: 4).Should().BeEmpty();

        // 2026 has a week 53; 2025 has not: its week 52 (the year's peak, in both years, so the level stays 1) stands in.
        IEnumerable<(LocalDate, int)> Weeks(int year) => Enumerable.Range(1, 52).Select(w => (new IsoWeek(year, w).Monday, w == 52 ? 99 : 10));
        var lateIn2026 = SeasonalForecast.Of(WeeklyTallies.Of([.. Weeks(2025), .. Weeks(2026)]), weeksAhead: 1);
        lateIn2026.Should().ContainSingle().Which.Should().Be(new WeekForecast(new IsoWeek(2026, 53), new LocalDate(2026, 12, 28), 99, 1));
    }
}
