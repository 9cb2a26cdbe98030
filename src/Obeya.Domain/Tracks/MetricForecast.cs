using NodaTime;

namespace Obeya.Domain.Tracks;

/// <summary>Where the trend puts a metric on one day, with the range it may honestly lie in.</summary>
public sealed record ForecastPoint(LocalDate On, decimal Expected, decimal Low, decimal High);

/// <summary>
/// Whether a metric reaches its target by the target condition's date, at the pace of its recent measurements.
/// <para>
/// The trend is a Theil–Sen line over the last <see cref="Window"/> measurements: its slope is the median of the
/// slopes between every two of them, so one odd measurement does not tip it, and its intercept the median of what is
/// left of each value once the slope is taken out. The range widens with distance: the slope's 95% interval (Sen's
/// order statistics of the pairwise slopes, pivoted at the median day and value) plus 1.96 times the spread of the
/// measurements around the line (1.4826 × their median absolute deviation, the robust stand-in for a standard
/// deviation).
/// </para>
/// </summary>
/// <param name="Reason">Why there is no forecast, when <see cref="Line"/> is empty.</param>
/// <param name="Line">From the last measurement to the target condition's date; the last point is the forecast.</param>
/// <param name="Misses">The expected value on the date falls short of the target, in the metric's better direction.</param>
public sealed record MetricForecast(Guid MetricId, Phrase? Reason, IReadOnlyList<ForecastPoint> Line, decimal Target, LocalDate? By, bool Misses)
{
    /// <summary>Fewer measurements than this give no trend worth drawing.</summary>
    public const int MinimumMeasurements = 4;

    /// <summary>The recent measurements the trend follows.</summary>
    public const int Window = 12;

    /// <summary>Points drawn between the last measurement and the date: enough for a smooth band, few for a screen.</summary>
    private const int Steps = 8;

    public ForecastPoint? AtTarget => Line.Count == 0 ? null : Line[^1];

    /// <summary>The forecast for <paramref name="metric"/> on <paramref name="track"/>, as its measurements stand.</summary>
    public static MetricForecast Of(Track track, Metric metric)
    {
        var target = track.TargetOf(metric);
        var by = track.ActiveTargetCondition?.AchieveBy;
        var recent = metric.Measurements.OrderBy(m => m.On).TakeLast(Window).ToList();
        if (by is null)
        {
            return new(metric.Id, Phrase.Of("forecast.noTargetCondition"), [], target, null, false);
        }

        if (recent.Select(m => m.On).Distinct().Count() < MinimumMeasurements)
        {
            return new(metric.Id, Phrase.Of("forecast.tooFewMeasurements", MinimumMeasurements), [], target, by, false);
        }

        var last = recent[^1].On;
        if (by.Value <= last)
        {
            return new(metric.Id, Phrase.Of("forecast.datePassed"), [], target, by, false);
        }

        var fit = Fit(recent);
        var span = Period.Between(last, by.Value, PeriodUnits.Days).Days;
        var line = Enumerable.Range(0, Steps + 1)
            .Select(i => last.PlusDays((int)Math.Round((double)span * i / Steps)))
            .Distinct()
            .Select(fit.At)
            .ToList();
        var expected = line[^1].Expected;
        var misses = metric.Direction == BetterDirection.Higher ? expected < target : expected > target;
        return new(metric.Id, null, line, target, by, misses);
    }

    private static TheilSen Fit(IReadOnlyList<Measurement> measurements)
    {
        var origin = measurements[0].On;
        var points = measurements.Select(m => (X: (double)Period.Between(origin, m.On, PeriodUnits.Days).Days, Y: (double)m.Value)).ToList();
        var slopes = new List<double>();
        for (var i = 0; i < points.Count; i++)
        {
            for (var j = i + 1; j < points.Count; j++)
            {
                if (points[j].X != points[i].X)
                {
                    slopes.Add((points[j].Y - points[i].Y) / (points[j].X - points[i].X));
                }
            }
        }

        slopes.Sort();
        var slope = Median(slopes);
        var intercept = Median([.. points.Select(p => p.Y - slope * p.X)]);

        // Sen's interval: the ranks of the pairwise slopes that bound the middle 95% under the null of no ties.
        var n = points.Count;
        var c = 1.96 * Math.Sqrt(n * (n - 1) * (2 * n + 5) / 18.0);
        var lowRank = Math.Clamp((int)Math.Floor((slopes.Count - c) / 2), 0, slopes.Count - 1);
        var highRank = Math.Clamp((int)Math.Ceiling((slopes.Count + c) / 2), 0, slopes.Count - 1);
        var pivotX = Median([.. points.Select(p => p.X)]);
        var pivotY = intercept + slope * pivotX;
        var spread = 1.4826 * Median([.. points.Select(p => Math.Abs(p.Y - (intercept + slope * p.X)))]);
        return new TheilSen(origin, slope, intercept, slopes[lowRank], slopes[highRank], pivotX, pivotY, 1.96 * spread);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private sealed record TheilSen(LocalDate Origin, double Slope, double Intercept, double LowSlope, double HighSlope, double PivotX, double PivotY, double Noise)
    {
        public ForecastPoint At(LocalDate on)
        {
            var x = (double)Period.Between(Origin, on, PeriodUnits.Days).Days;
            var expected = Intercept + Slope * x;
            var a = PivotY + LowSlope * (x - PivotX);
            var b = PivotY + HighSlope * (x - PivotX);
            return new ForecastPoint(on, Round(expected), Round(Math.Min(Math.Min(a, b), expected) - Noise), Round(Math.Max(Math.Max(a, b), expected) + Noise));
        }

        // Measurements stay within a billion and dates within a century, so a projection fits a decimal easily.
        private static decimal Round(double value) => Math.Round((decimal)value, 2);
    }
}
