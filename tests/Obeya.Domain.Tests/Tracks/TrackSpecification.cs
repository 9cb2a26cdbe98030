using NodaTime;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Tests.Tracks;

/// <summary>Given events, when a decision, then events or a refusal: the shared vocabulary of track tests.</summary>
public abstract class TrackSpecification
{
    protected static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 8, 0);
    protected static readonly LocalDate Today = new(2026, 11, 23);
    protected static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
    protected const string By = "Emmy";

    protected static readonly Guid TrackId = Guid.NewGuid();
    protected static readonly Guid MetricId = Guid.NewGuid();

    protected static TrackStarted Started { get; } =
        new(TrackId, Guid.NewGuid(), "Kwaliteit van het klantgesprek", "80% van de klanten ervaart het gesprek als helpend", By, Now);

    protected static MetricDefined MetricDefined { get; } =
        new(TrackId, MetricId, "% teruggemeld binnen 3 maanden", "%", BetterDirection.Higher, 60m, By, Now);

    protected static ObstacleAdded Obstacle(Guid id, string text = "Terugmeldingen zonder reden") => new(TrackId, id, text, By, Now);

    protected static ObstacleFocused Focused(Guid id) => new(TrackId, id, By, Now);

    protected static ExperimentPlanned Planned(Guid experimentId, Guid obstacleId) =>
        new(TrackId, experimentId, obstacleId, Today, "Bel terug", "8 van de 10 redenen bekend", By, Now);

    protected static Track Given(params object[] events) => Track.Replay([Started, .. events]);

    /// <summary>
    /// A refusal as the person at the board meets it: the field it is shown at, the kind of "no" (the API's status), and
    /// what it says, as the phrase key with its values ("track.stepOwnerNotMember", "track.alreadyStepOwner(Sander)") that
    /// the web words in the reader's language. A decision is pure, so a refusal leaves the board as it was: no events come of it.
    /// </summary>
    protected static void Refuses(Func<object> decide, string field, Refusal refusal, string says)
    {
        var refused = FluentActions.Invoking(decide).Should().Throw<DomainException>().Which;
        (refused.Field, refused.Refusal, refused.Says.ToString()).Should().Be((field, refusal, says));
    }

    protected static Team TeamWerk { get; } = Team.From(new TeamCreated(Started.TeamId, "Team Werk", SessionCadence.Default, By, Now));
}
