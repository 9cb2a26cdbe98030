using Obeya.Domain.Tracks;

namespace Obeya.Domain.Tests.Tracks;

public class CorrectingAMeasurement : TrackSpecification
{
    private static readonly Guid MeasurementId = Guid.NewGuid();

    private static Track WithMeasurement() =>
        Given(MetricDefined, new MeasurementRecorded(TrackId, MetricId, MeasurementId, Today, 43m, "Telling week 47", By, Now));

    private static MeasurementCorrected Correct(Track track, decimal value, string reason, string? note = null, Guid? metricId = null, Guid? measurementId = null) =>
        TrackDecisions.CorrectMeasurement(track, new CorrectMeasurement(metricId ?? MetricId, measurementId ?? MeasurementId, value, note, reason), By, Now);

    [Fact]
    public void a_correction_changes_the_value_and_keeps_the_first_value_and_the_reason()
    {
        var track = WithMeasurement();

        var corrected = Correct(track, 41m, " Dubbel geteld ", note: "Telling week 47, opnieuw geteld");

        corrected.Should().Be(new MeasurementCorrected(TrackId, MetricId, MeasurementId, 41m, "Telling week 47, opnieuw geteld", "Dubbel geteld", By, Now));
        var measurement = track.With(corrected).Metrics.Single().Measurements.Should().ContainSingle().Subject;
        measurement.Value.Should().Be(41m);
        measurement.CorrectedFrom.Should().Be(43m);
        measurement.CorrectionReason.Should().Be("Dubbel geteld");
        measurement.On.Should().Be(Today);
    }

    [Fact]
    public void a_second_correction_still_shows_the_first_value()
    {
        var track = WithMeasurement();
        track = track.With(Correct(track, 41m, "Dubbel geteld"));

        track = track.With(Correct(track, 42m, "Eén klant toch teruggemeld"));

        var measurement = track.Metrics.Single().Measurements.Single();
        measurement.Value.Should().Be(42m);
        measurement.CorrectedFrom.Should().Be(43m);
        measurement.CorrectionReason.Should().Be("Eén klant toch teruggemeld");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void a_correction_needs_a_reason(string? reason) =>
        Refuses(() => Correct(WithMeasurement(), 41m, reason!), "reason", Refusal.Invalid, "text.required");

    [Fact]
    public void a_correction_of_an_unknown_metric_is_not_found() =>
        Refuses(() => Correct(WithMeasurement(), 41m, "Telfout", metricId: Guid.NewGuid()), "metricId", Refusal.NotFound, "track.metricNotFound");

    [Fact]
    public void a_correction_of_an_unknown_measurement_is_not_found() =>
        Refuses(() => Correct(WithMeasurement(), 41m, "Telfout", measurementId: Guid.NewGuid()),
            "measurementId", Refusal.NotFound, "track.measurementNotFound");

    [Fact]
    public void a_corrected_value_is_a_number_a_board_can_show() =>
        Refuses(() => Correct(WithMeasurement(), 2_000_000_000m, "Telfout"), "value", Refusal.Invalid, "number.outOfRange(1000000000)");

    [Fact]
    public void a_measurement_is_corrected_only_under_its_own_metric()
    {
        var otherMetric = Guid.NewGuid();
        var track = WithMeasurement().With(new MetricDefined(TrackId, otherMetric, "Doorlooptijd", "dagen", BetterDirection.Lower, 10m, By, Now));

        Refuses(() => Correct(track, 41m, "Telfout", metricId: otherMetric), "measurementId", Refusal.NotFound, "track.measurementNotFound");
        track.Metrics.Single(m => m.Id == MetricId).Measurements.Single().Value.Should().Be(43m);
    }

    [Fact]
    public void a_correction_without_a_note_keeps_the_note_that_was_there()
    {
        var track = WithMeasurement();

        var measurement = track.With(Correct(track, 41m, "Dubbel geteld")).Metrics.Single().Measurements.Single();

        measurement.Note.Should().Be("Telling week 47");
    }
}
