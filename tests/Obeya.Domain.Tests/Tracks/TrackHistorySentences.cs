using System.Globalization;
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

    private static string SentenceAt(long version) => TrackHistory.Of(Story).Single(e => e.Version == version) is var e ? e.SentenceAs(e.By.Name) : "";

    [Fact]
    public void each_event_gives_one_entry_numbered_from_one_with_its_actor_and_moment()
    {
        var history = TrackHistory.Of(Story);

        history.Select(e => e.Version).Should().Equal(Enumerable.Range(1, Story.Count).Select(v => (long)v));
        history.Select(e => e.By).Should().Equal(Story.Cast<IFact>().Select(f => f.By));
        history.Select(e => e.At).Should().Equal(Story.Cast<IFact>().Select(f => f.At));
        // Told without its subject, so the reader sees the actor's name of today.
        history.Should().OnlyContain(e => e.SentenceAs("Iemand").StartsWith("Iemand ", StringComparison.Ordinal) && !e.Action.StartsWith(e.By.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void the_start_names_the_title_and_the_challenge() =>
        SentenceAt(1).Should().Be(
            "Emmy startte het verbetertraject 'Kwaliteit van het klantgesprek' met de uitdaging '80% van de klanten ervaart het gesprek als helpend'");

    [Fact]
    public void focusing_names_the_obstacle_by_its_text() =>
        SentenceAt(7).Should().Be("Emmy zette obstakel 'Terugmeldingen zonder reden' in focus");

    [Fact]
    public void a_rephrasing_names_the_old_and_the_new_text_and_later_sentences_use_the_new_one()
    {
        SentenceAt(8).Should().Be("Sander herformuleerde obstakel 'Terugmeldingen zonder reden' als 'Terugmeldingen zonder opgegeven reden'");
        SentenceAt(9).Should().Be("Sander haalde obstakel 'Terugmeldingen zonder opgegeven reden' uit focus");
        SentenceAt(10).Should().Be("Emmy zette obstakel 'Terugmeldingen zonder opgegeven reden' in focus");
    }

    [Fact]
    public void dates_are_written_out_in_dutch()
    {
        SentenceAt(3).Should().Be("Sander noteerde voor '% teruggemeld binnen 3 maanden' 43 % op 23 november 2026");
        SentenceAt(5).Should().Be("Emmy stelde de doeltoestand 'Elke verwijzing met klantbeeld' vast, te bereiken op 21 december 2026");
        SentenceAt(11).Should().Be("Emmy sprak de stap 'Bel het re-integratiebedrijf' af met Sander, klaar op 24 november 2026");
    }

    [Fact]
    public void steps_and_target_conditions_are_named_by_their_text()
    {
        SentenceAt(12).Should().Be("Sander markeerde de stap 'Bel het re-integratiebedrijf' als gedaan");
        SentenceAt(14).Should().Be("Emmy markeerde de doeltoestand 'Elke verwijzing met klantbeeld' als bereikt: 52% in week 51");
    }

    [Fact]
    public void a_closing_without_a_reason_ends_the_sentence_there() =>
        SentenceAt(13).Should().Be("Emmy liet obstakel 'Terugmeldingen zonder opgegeven reden' vallen");

    [Fact]
    public void a_correction_names_the_old_and_new_value_in_dutch_whatever_the_culture_of_the_thread()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");

            SentenceAt(4).Should().Be(
                "Emmy corrigeerde de meting van 23 november 2026 voor '% teruggemeld binnen 3 maanden' van 43 naar 41,5: Dubbel geteld");
            SentenceAt(2).Should().Be("Emmy legde het meetcriterium '% teruggemeld binnen 3 maanden' vast (doel 60 %, hoger is beter)");
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
