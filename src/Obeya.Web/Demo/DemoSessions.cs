using NodaTime;
using Obeya.Domain.Sessions;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Web.Infrastructure.Writes;

namespace Obeya.Web.Demo;

/// <summary>
/// Team Werk's stand-ups since its board started, sixteen planned sessions ago: held at the board, a few minutes late
/// now and then, one run over its timebox, one cancelled for a study day, one not held; the coach came three times,
/// the last time long enough ago for the board to say so. What the habit calendar and the rhythm's warnings show.
/// </summary>
public static class DemoSessions
{
    public const int Cancelled = 11;

    public const int NotHeld = 8;

    private static readonly int[] Coached = [14, 10, 5];

    /// <summary>The team's cancellation of the study day, decided at the session before it.</summary>
    public static SessionsCancelled StudyDay(Team team, DemoStory story) =>
        TeamDecisions.CancelSessions(
            team, new CancelSessions(Guid.CreateVersion7(), story.DayOf(story.Session(Cancelled)), null, "Studiedag"), "Emmy", story.Session(Cancelled + 1, 25));

    public static IEnumerable<NewStream> Of(Team team, Track track, DemoStory story)
    {
        var coach = team.Coaches.Single();
        for (var back = 16; back >= 1; back--)
        {
            if (back is Cancelled or NotHeld)
            {
                continue;
            }

            // Every third session starts late (past the five minutes' tolerance); the sixth one back runs over.
            var start = story.Session(back, back % 3 == 0 ? 9 : 1);
            var started = SessionDecisions.Start(team, new StartSession(Guid.CreateVersion7(), track.Id), null, track, "Emmy", start);
            var session = Session.From(started);
            var events = new List<object> { started };
            foreach (var (member, index) in team.Members.Select((m, i) => (m, i)))
            {
                // Someone is away every other session, in turn.
                var present = back % 2 == 1 || index != back / 2 % team.Members.Count;
                events.Add(Apply(ref session, SessionDecisions.MarkAttendance(session, team, new MarkAttendance(member.Id, present), "Emmy", start + Duration.FromMinutes(1))));
            }

            if (Coached.Contains(back))
            {
                events.Add(Apply(ref session, SessionDecisions.MarkAttendance(session, team, new MarkAttendance(coach.Id, true), "Emmy", start + Duration.FromMinutes(1))));
                events.Add(Apply(ref session, SessionDecisions.RecordCoachingConversation(session, team, new RecordCoachingConversation(coach.Id,
                [
                    new CoachingAnswer(1, "Elke verwijzing naar een re-integratiebedrijf gaat met een besproken klantbeeld"),
                    new CoachingAnswer(2, "Terugmeldingen zijn langzaam gestegen; de laatste stap hielp, minder dan verwacht"),
                    new CoachingAnswer(3, "Terugmeldingen komen zonder reden"),
                    new CoachingAnswer(4, "Een vaste contactpersoon; we verwachten voor acht van de tien een reden"),
                    new CoachingAnswer(5, "Donderdag, in de sessie"),
                ]), "Marieke", start + Duration.FromMinutes(20))));
            }

            events.Add(SessionDecisions.End(session, "Emmy", start + Duration.FromMinutes(back == 6 ? 38 : 26)));
            yield return new NewStream(typeof(Session), session.Id, events);
        }
    }

    /// <summary>
    /// Another team's last three weeks: its six planned stand-ups held on time at its first track, its coach asking
    /// the five questions at the second one back, so its rhythm holds.
    /// </summary>
    public static IEnumerable<NewStream> Recent(Team team, Track track, DemoStory story)
    {
        var coach = team.Coaches.Single();
        for (var back = 6; back >= 1; back--)
        {
            var start = story.Session(back, 2);
            var started = SessionDecisions.Start(team, new StartSession(Guid.CreateVersion7(), track.Id), null, track, coach.Name, start);
            var session = Session.From(started);
            // The team's members are not in the demo: its coach keeps the stand-up and is marked present.
            var events = new List<object> { started };
            events.Add(Apply(ref session, SessionDecisions.MarkAttendance(session, team, new MarkAttendance(coach.Id, true), coach.Name, start + Duration.FromMinutes(1))));
            if (back == 2)
            {
                events.Add(Apply(ref session, SessionDecisions.RecordCoachingConversation(session, team, new RecordCoachingConversation(coach.Id,
                [
                    new CoachingAnswer(1, track.ActiveTargetCondition?.Description ?? track.Title),
                    new CoachingAnswer(3, track.FocusedObstacle?.Text ?? "Nog geen obstakel in focus"),
                ]), coach.Name, start + Duration.FromMinutes(15))));
            }

            events.Add(SessionDecisions.End(session, coach.Name, start + Duration.FromMinutes(25)));
            yield return new NewStream(typeof(Session), session.Id, events);
        }
    }

    private static object Apply(ref Session session, object e)
    {
        session = session.With(e);
        return e;
    }
}
