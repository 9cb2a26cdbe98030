using NodaTime;
using Obeya.Domain.Sessions;
using Obeya.Domain.Teams;

namespace Obeya.Domain.Tests.Sessions;

/// <summary>Given events, when a decision, then an event or a refusal: the shared vocabulary of session tests.</summary>
public abstract class SessionSpecification
{
    protected static readonly Instant Now = Instant.FromUtc(2026, 11, 24, 8, 0);
    protected const string By = "Emmy";

    protected static readonly Guid TeamId = Guid.NewGuid();
    protected static readonly Guid SessionId = Guid.NewGuid();
    protected static readonly Guid Sander = Guid.NewGuid();
    protected static readonly Guid Fatima = Guid.NewGuid();
    protected static readonly Guid Coach = Guid.NewGuid();

    /// <summary>Team Werk: two members and a coach, meeting 20 minutes at a time.</summary>
    protected static Team TeamWerk { get; } = Team.From(new TeamCreated(
            TeamId, "Team Werk", SessionCadence.Default with { DurationMinutes = 20 }, By, Now))
        .With(new TeamMemberAdded(TeamId, Sander, "Sander", null, By, Now))
        .With(new TeamMemberAdded(TeamId, Fatima, "Fatima", null, By, Now))
        .With(new CoachAssigned(TeamId, Coach, "Marieke", null, By, Now));

    protected static SessionStarted Started { get; } = new(SessionId, TeamId, null, 20, By, Now);

    protected static AttendanceMarked Marked(Guid personId, bool present = true) =>
        new(SessionId, TeamId, personId, TeamWerk.NameOf(personId)!, present, By, Now);

    protected static CoachingConversationRecorded Coached { get; } =
        new(SessionId, TeamId, Coach, "Marieke", [new CoachingAnswer(1, "Elke verwijzing met klantbeeld")], "Marieke", Now);

    protected static SessionEnded Ended { get; } = new(SessionId, TeamId, By, Now.Plus(Duration.FromMinutes(25)));

    protected static Session Given(params object[] events) => Session.Replay([Started, .. events]);

    protected static IReadOnlyList<CoachingAnswer> FiveAnswers { get; } =
    [
        new(1, "Elke verwijzing naar een re-integratiebedrijf gaat met een klantbeeld"),
        new(2, "Vier van de tien; laatste stap: terugbellen binnen een dag. Verwacht acht, werkelijk zes. Geleerd: vaste lijn helpt"),
        new(3, "Terugmeldingen zonder reden; daar werken we nu aan"),
        new(4, "Een vaste contactpersoon per bedrijf; we verwachten acht van de tien redenen"),
        new(5, "Donderdag in de sessie"),
    ];
}
