using System.Runtime.CompilerServices;
using NodaTime;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Tests.Tracks;

public class TrackHistorySentences : TrackSpecification
{
    private static readonly Guid ObstacleId = Guid.NewGuid();
    private static readonly Guid MeasurementId = Guid.NewGuid();
    private static readonly Guid ConditionId = Guid.NewGuid();
    private static readonly Guid StepId = Guid.NewGuid();
    private static readonly Guid Sander = Guid.NewGuid();

    private static Instant At(int minutes) => Now.Plus(Duration.FromMinutes(minutes));

    /// <summary>One session's work, an event a minute, by Emmy and Sander.</summary>
    private static IReadOnlyList<object> Story { get; } =
    [
        Started with { At = At(0) },
        MetricDefined with { At = At(1) },
        new MeasurementRecorded(TrackId, MetricId, MeasurementId, Today, 43m, null, "Sander", At(2)),
        new MeasurementCorrected(TrackId, MetricId, MeasurementId, 41.5m, null, "Dubbel geteld", "Emmy", At(3)),
        new TargetConditionSet(TrackId, ConditionId, "Elke verwijzing met klantbeeld", new LocalDate(2026, 12, 21), [new MetricTarget(MetricId, 50m)], "Emmy", At(4)),
        new ObstacleAdded(TrackId, ObstacleId, "Terugmeldingen zonder reden", "Emmy", At(5)),
        new ObstacleFocused(TrackId, ObstacleId, "Emmy", At(6)),
        new ObstacleRephrased(TrackId, ObstacleId, "Terugmeldingen zonder opgegeven reden", "Sander", At(7)),
        new ObstacleTakenOutOfFocus(TrackId, ObstacleId, "Sander", At(8)),
        new ObstacleFocused(TrackId, ObstacleId, "Emmy", At(9)),
        new SmallStepAgreed(TrackId, StepId, "Bel het re-integratiebedrijf", Sander, "Sander", new LocalDate(2026, 11, 24), 1, "Emmy", At(10)),
        new SmallStepDone(TrackId, StepId, "Sander", At(11)),
        new ObstacleDropped(TrackId, ObstacleId, null, "Emmy", At(12)),
        new TargetConditionReached(TrackId, ConditionId, "52% in week 51", "Emmy", At(13)),
    ];

    private static Phrase ActionAt(long version) => TrackHistory.Of(Story).Single(e => e.Version == version).Action;

    private static Phrase Said(string key, params object?[] values) => Phrase.Of($"history.track.{key}", values);

    [Fact]
    public void each_event_gives_one_entry_numbered_from_one_with_its_actor_and_moment()
    {
        var history = TrackHistory.Of(Story);

        history.Select(e => e.Version).Should().Equal(Enumerable.Range(1, Story.Count).Select(v => (long)v));
        history.Select(e => e.By).Should().Equal(Story.Cast<IFact>().Select(f => f.By));
        history.Select(e => e.At).Should().Equal(Story.Cast<IFact>().Select(f => f.At));
        // Told without its subject, so the reader sees the actor's name of today.
        history.Should().OnlyContain(e => e.Action.Key.StartsWith("history.track.", StringComparison.Ordinal) && !e.Action.Values.Contains(e.By.Name));
    }

    [Fact]
    public void every_track_event_has_a_phrase_of_its_own()
    {
        var events = typeof(Track).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(Track).Namespace && typeof(IFact).IsAssignableFrom(t) && t.IsClass)
            .ToList();

        // Uninitialised events: their phrases name nothing, but say which phrase each event gets.
        var keys = events.Select(t => TrackHistory.Describe(RuntimeHelpers.GetUninitializedObject(t), null).Key).ToList();

        events.Should().HaveCountGreaterThan(20);
        keys.Should().OnlyHaveUniqueItems().And.OnlyContain(k => k.StartsWith("history.track.", StringComparison.Ordinal));
    }

    [Fact]
    public void the_start_names_the_title_and_the_challenge() =>
        ActionAt(1).Should().Be(Said("started", "Kwaliteit van het klantgesprek", "80% van de klanten ervaart het gesprek als helpend"));

    [Fact]
    public void focusing_names_the_obstacle_by_its_text() =>
        ActionAt(7).Should().Be(Said("obstacleFocused", "Terugmeldingen zonder reden"));

    [Fact]
    public void a_rephrasing_names_the_old_and_the_new_text_and_later_sentences_use_the_new_one()
    {
        ActionAt(8).Should().Be(Said("obstacleRephrased", "Terugmeldingen zonder reden", "Terugmeldingen zonder opgegeven reden"));
        ActionAt(9).Should().Be(Said("obstacleTakenOutOfFocus", "Terugmeldingen zonder opgegeven reden"));
        ActionAt(10).Should().Be(Said("obstacleFocused", "Terugmeldingen zonder opgegeven reden"));
    }

    [Fact]
    public void dates_and_numbers_stay_values_for_the_reader_to_write()
    {
        ActionAt(3).Should().Be(Said("measurementRecorded", "% teruggemeld binnen 3 maanden", 43m, "%", Today));
        ActionAt(5).Should().Be(Said("targetConditionSet", "Elke verwijzing met klantbeeld", new LocalDate(2026, 12, 21)));
        ActionAt(11).Should().Be(Said("smallStepAgreed", "Bel het re-integratiebedrijf", "Sander", new LocalDate(2026, 11, 24)));
    }

    [Fact]
    public void steps_and_target_conditions_are_named_by_their_text()
    {
        ActionAt(12).Should().Be(Said("smallStepDone", "Bel het re-integratiebedrijf"));
        ActionAt(14).Should().Be(Said("targetConditionReached", "Elke verwijzing met klantbeeld", "52% in week 51"));
    }

    [Fact]
    public void a_closing_without_a_reason_has_its_own_phrase() =>
        ActionAt(13).Should().Be(Said("obstacleDropped", "Terugmeldingen zonder opgegeven reden"));

    [Fact]
    public void a_correction_names_the_old_and_new_value_and_a_definition_its_direction()
    {
        ActionAt(4).Should().Be(Said("measurementCorrected", Today, "% teruggemeld binnen 3 maanden", 43m, 41.5m, "Dubbel geteld"));
        ActionAt(2).Should().Be(Said("metricDefined", "% teruggemeld binnen 3 maanden", 60m, "%", Said("higher")));
    }
}
