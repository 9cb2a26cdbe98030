using System.Globalization;
using System.Runtime.CompilerServices;
using NodaTime;
using Obeya.Domain;
using Obeya.Domain.Audit;
using Obeya.Domain.Programmes;
using Obeya.Domain.Sessions;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Web.Language;

namespace Obeya.Web.Tests.Language;

/// <summary>
/// What the domain tells (history, the roll-up's reasons, the coaching card) worded: in Dutch exactly as the screens said
/// it before the domain spoke in phrases, in English for whoever chose it, with dates and numbers as each language
/// writes them.
/// </summary>
public sealed class HistoryWordingTests
{
    private static readonly Guid TrackId = Guid.NewGuid();
    private static readonly Guid MetricId = Guid.NewGuid();
    private static readonly Guid MeasurementId = Guid.NewGuid();
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 8, 0);
    private static readonly LocalDate Today = new(2026, 11, 23);

    private static IReadOnlyList<object> Story { get; } =
    [
        new TrackStarted(TrackId, Guid.NewGuid(), "Klantgesprek", "Elk gesprek helpt", "Emmy", Now),
        new MetricDefined(TrackId, MetricId, "% teruggemeld binnen 3 maanden", "%", BetterDirection.Higher, 60m, "Emmy", Now),
        new MeasurementRecorded(TrackId, MetricId, MeasurementId, Today, 43m, null, "Sander", Now),
        new MeasurementCorrected(TrackId, MetricId, MeasurementId, 41.5m, null, "Dubbel geteld", "Emmy", Now),
        new TrackClosed(TrackId, TrackOutcome.ChallengeMet, "82% ervaart het gesprek als helpend", "Emmy", Now),
    ];

    private static IReadOnlyList<string> Told(CultureInfo culture) =>
        ScreenTextTests.In(culture, () => TrackHistory.Of(Story).Select(h => Words.Say("history.sentence", h.By.Name, h.Action)).ToList());

    [Fact]
    public void a_track_history_reads_in_dutch_as_it_always_did() =>
        Told(ObeyaCulture.Dutch).Should().Equal(
            "Emmy startte het verbetertraject 'Klantgesprek' met de uitdaging 'Elk gesprek helpt'",
            "Emmy legde het meetcriterium '% teruggemeld binnen 3 maanden' vast (doel 60 %, hoger is beter)",
            "Sander noteerde voor '% teruggemeld binnen 3 maanden' 43 % op 23 november 2026",
            "Emmy corrigeerde de meting van 23 november 2026 voor '% teruggemeld binnen 3 maanden' van 43 naar 41,5: Dubbel geteld",
            "Emmy sloot het verbetertraject af (uitdaging bereikt): 82% ervaart het gesprek als helpend");

    [Fact]
    public void a_track_history_reads_in_english_with_english_dates_and_numbers_and_the_teams_own_words() =>
        Told(ObeyaCulture.English).Should().Equal(
            "Emmy started the improvement track 'Klantgesprek' with the challenge 'Elk gesprek helpt'",
            "Emmy defined the metric '% teruggemeld binnen 3 maanden' (target 60 %, higher is better)",
            "Sander recorded 43 % for '% teruggemeld binnen 3 maanden' on 23 November 2026",
            "Emmy corrected the measurement of 23 November 2026 for '% teruggemeld binnen 3 maanden' from 43 to 41.5: Dubbel geteld",
            "Emmy closed the improvement track (challenge met): 82% ervaart het gesprek als helpend");

    [Fact]
    public void every_phrase_the_domain_tells_has_dutch_and_english()
    {
        var dutch = Words.All(CultureInfo.InvariantCulture);
        var english = Words.All(ObeyaCulture.English);
        // Uninitialised events name nothing, but say which phrase each kind of event gets.
        var trackEvents = typeof(Track).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(Track).Namespace && typeof(IFact).IsAssignableFrom(t) && t.IsClass)
            .Select(t => TrackHistory.Describe(RuntimeHelpers.GetUninitializedObject(t), null));
        Phrase[] audit =
        [
            AuditTrail.Describe(new TeamCadenceChanged(Guid.NewGuid(), SessionCadence.Default with { Days = [.. Enum.GetValues<IsoDayOfWeek>().Skip(1)] }, "Fatima", Now), _ => null, _ => null),
            AuditTrail.Describe(new AttendanceMarked(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Sander", false, "Emmy", Now), _ => null, _ => null),
            AuditTrail.Describe(new SessionEnded(Guid.NewGuid(), Guid.NewGuid(), "Emmy", Now), _ => null, _ => null),
        ];
        var cards = CoachingCard.Questions.SelectMany(q => q.Reflection.Prepend(q.Text));

        var keys = trackEvents.Concat(audit).Concat(cards).SelectMany(KeysOf).Append("history.sentence").Append("history.formerColleague").ToHashSet();

        keys.Should().HaveCountGreaterThan(40);
        keys.Where(k => !dutch.ContainsKey(k) || !english.ContainsKey(k)).Should().BeEmpty();
    }

    [Fact]
    public void the_days_of_a_cadence_are_named_in_the_readers_language()
    {
        var changed = AuditTrail.Describe(
            new TeamCadenceChanged(Guid.NewGuid(), SessionCadence.Default with { Days = [IsoDayOfWeek.Monday, IsoDayOfWeek.Thursday] }, "Fatima", Now), _ => null, _ => null);

        ScreenTextTests.In(ObeyaCulture.Dutch, changed.Worded).Should().Be("zette de sessies op maandag en donderdag om 09:00, 30 minuten");
        ScreenTextTests.In(ObeyaCulture.English, changed.Worded).Should().Be("set the sessions to Monday and Thursday at 09:00, 30 minutes");
    }

    [Fact]
    public void a_reason_names_its_date_in_the_readers_language()
    {
        var programme = Programme.From(new ProgrammeStarted(Guid.NewGuid(), "Transformatie", "Pieter", Now));
        var goal = Guid.NewGuid();
        programme = programme.With(new TransitionGoalAdded(programme.Id, goal, "Publieke dienstverlener", "Pieter", Today.PlusDays(-1), "Pieter", Now));
        var why = Rollup.Compute(programme, new Dictionary<Guid, Track>(), new Dictionary<Guid, Obeya.Domain.Rhythm.CadenceHealth>(), Today).Goals[goal].Why.Single();

        ScreenTextTests.In(ObeyaCulture.Dutch, why.Worded).Should().Be("De horizon (22 november 2026) is voorbij");
        ScreenTextTests.In(ObeyaCulture.English, why.Worded).Should().Be("The horizon (22 November 2026) has passed");
    }

    [Fact]
    public void the_coaching_card_reads_as_the_dutch_card_and_as_the_english_one()
    {
        ScreenTextTests.In(ObeyaCulture.Dutch, () => CoachingCard.Questions.Select(q => q.Text.Worded()).ToList()).Should().Equal(
            "Wat is de doeltoestand?",
            "Wat is de huidige toestand nu?",
            "Welke obstakels houden je tegen om de doeltoestand te bereiken? Aan welk obstakel werk je nu?",
            "Wat is je volgende stap (het volgende experiment)? Wat verwacht je?",
            "Wanneer kunnen we gaan kijken wat we van die stap geleerd hebben?");
        ScreenTextTests.In(ObeyaCulture.Dutch, () => CoachingCard.Questions[1].Reflection.Select(r => r.Worded()).ToList()).Should().Equal(
            "Wat was je laatste stap?", "Wat verwachtte je?", "Wat gebeurde er werkelijk?", "Wat heb je geleerd?");
        ScreenTextTests.In(ObeyaCulture.English, () => CoachingCard.Questions[0].Text.Worded()).Should().Be("What is the target condition?");
    }

    [Fact]
    public void a_removed_colleague_is_named_in_the_readers_language()
    {
        ScreenTextTests.In(ObeyaCulture.Dutch, () => Words.Say("history.sentence", Words.Say("history.formerColleague"), Phrase.Of("history.track.obstacleAdded", "Wachttijd")))
            .Should().Be("voormalig medewerker voegde obstakel 'Wachttijd' toe");
        ScreenTextTests.In(ObeyaCulture.English, () => Words.Say("history.sentence", Words.Say("history.formerColleague"), Phrase.Of("history.track.obstacleAdded", "Wachttijd")))
            .Should().Be("former colleague added obstacle 'Wachttijd'");
    }

    private static IEnumerable<string> KeysOf(Phrase phrase) => phrase.Values.OfType<Phrase>().SelectMany(KeysOf).Prepend(phrase.Key);
}
