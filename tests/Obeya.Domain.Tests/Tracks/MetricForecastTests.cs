using NodaTime;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Tests.Tracks;

/// <summary>The forecast on a run chart: a Theil–Sen trend to the target condition's date, with a range that is honest.</summary>
public class MetricForecastTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 8, 0);
    private static readonly LocalDate Today = new(2026, 11, 23);
    private static readonly Guid TrackId = Guid.NewGuid();
    private static readonly Guid MetricId = Guid.NewGuid();
    private const string By = "Emmy";

    /// <summary>A track with a target condition due on <paramref name="by"/> and the measurements, a week apart up to today.</summary>
    private static (Track Track, Metric Metric) Measured(
        IReadOnlyList<decimal> values, LocalDate? by = null, BetterDirection direction = BetterDirection.Higher, decimal target = 60, bool withTarget = true)
    {
        List<object> events =
        [
            new TrackStarted(TrackId, Guid.NewGuid(), "Klantgesprek", "Elk gesprek helpt", By, Now),
            new MetricDefined(TrackId, MetricId, "Met klantbeeld", "%", direction, target, By, Now),
        ];
        if (withTarget)
        {
            events.Add(new TargetConditionSet(TrackId, Guid.NewGuid(), "Elke verwijzing met klantbeeld", by ?? Today.PlusDays(35), [], By, Now));
        }

        events.AddRange(values.Select((value, i) =>
            new MeasurementRecorded(TrackId, MetricId, Guid.NewGuid(), Today.PlusWeeks(i - values.Count + 1), value, null, By, Now)));
        var track = Track.Replay(events);
        return (track, track.Metrics.Single());
    }

    private static MetricForecast Forecast(IReadOnlyList<decimal> values, LocalDate? by = null, BetterDirection direction = BetterDirection.Higher, decimal target = 60)
    {
        var (track, metric) = Measured(values, by, direction, target);
        return MetricForecast.Of(track, metric);
    }

    [Fact]
    public void a_straight_line_is_projected_exactly_and_its_range_is_that_line()
    {
        // One point more every week; the date is five weeks after the last measurement.
        var forecast = Forecast([40, 41, 42, 43, 44]);

        forecast.Reason.Should().BeNull();
        forecast.AtTarget.Should().Be(new ForecastPoint(Today.PlusDays(35), 49, 49, 49));
        forecast.Line[0].Should().Be(new ForecastPoint(Today, 44, 44, 44));
        forecast.Misses.Should().BeTrue();
    }

    [Fact]
    public void one_odd_measurement_does_not_tip_the_trend()
    {
        var forecast = Forecast([40, 42, 44, 95, 48, 50, 52]);

        // Two points a week without the odd one: 52 + 10 = 62 five weeks on; least squares would say far more.
        forecast.AtTarget!.Expected.Should().BeInRange(61, 63);
        forecast.Misses.Should().BeFalse();
    }

    [Fact]
    public void the_range_holds_the_expected_value_and_widens_the_further_ahead_it_looks()
    {
        var forecast = Forecast([40, 44, 41, 47, 45, 49, 46, 52], by: Today.PlusDays(70));

        forecast.Line.Should().OnlyContain(p => p.Low <= p.Expected && p.Expected <= p.High);
        var widths = forecast.Line.Select(p => p.High - p.Low).ToList();
        widths.Should().BeInAscendingOrder();
        widths[^1].Should().BeGreaterThan(widths[0]);
        forecast.Line.Select(p => p.On).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems().And.EndWith(Today.PlusDays(70));
    }

    [Fact]
    public void where_lower_is_better_a_forecast_above_the_target_misses_it()
    {
        Forecast([20, 19, 18, 17], direction: BetterDirection.Lower, target: 10).Misses.Should().BeTrue();
        Forecast([20, 17, 14, 11], direction: BetterDirection.Lower, target: 10).Misses.Should().BeFalse();
    }

    [Fact]
    public void too_few_measurements_or_no_date_give_no_forecast_and_say_why()
    {
        Forecast([40, 42, 44]).Should().BeEquivalentTo(new { Reason = Phrase.Of("forecast.tooFewMeasurements", 4), Line = Array.Empty<ForecastPoint>(), Misses = false });

        var (track, metric) = Measured([40, 41, 42, 43], withTarget: false);
        MetricForecast.Of(track, metric).Reason.Should().Be(Phrase.Of("forecast.noTargetCondition"));

        Forecast([40, 41, 42, 43], by: Today).Reason.Should().Be(Phrase.Of("forecast.datePassed"));
    }

    [Fact]
    public void measurements_on_one_day_count_as_one_day_and_only_the_recent_ones_count()
    {
        var (track, metric) = Measured([40, 41, 42]);
        var twice = track.With(new MeasurementRecorded(TrackId, MetricId, Guid.NewGuid(), Today, 43, null, By, Now));
        MetricForecast.Of(twice, twice.Metrics.Single()).Reason.Should().Be(Phrase.Of("forecast.tooFewMeasurements", 4));

        // A year of a falling metric, then the last twelve weeks rising: the trend is the recent one.
        var values = Enumerable.Range(0, 40).Select(i => 80m - i).Concat(Enumerable.Range(0, 12).Select(i => 40m + i)).ToList();
        Forecast(values).AtTarget!.Expected.Should().Be(56);
    }

    [Fact]
    public void the_largest_numbers_and_the_furthest_date_the_domain_allows_still_fit()
    {
        var forecast = Forecast([-1_000_000_000m, 1_000_000_000m, -1_000_000_000m, 1_000_000_000m], by: Bounds.LatestDate);

        forecast.AtTarget!.On.Should().Be(Bounds.LatestDate);
        forecast.Line.Should().OnlyContain(p => p.Low <= p.Expected && p.Expected <= p.High);
    }
}
