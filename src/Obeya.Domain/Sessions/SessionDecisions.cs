using NodaTime;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Sessions;

/// <summary>
/// The rules of a stand-up as pure functions: the session (and its team) as they are, a command, who acts and when,
/// in; the event that follows, out. A broken rule throws a <see cref="DomainException"/> naming the field.
/// </summary>
public static class SessionDecisions
{
    /// <summary>
    /// A team holds one session at a time, timeboxed by its cadence, optionally at one of its tracks. The caller
    /// passes the team's open session (if any) and the named track (null when it does not exist), so this stays pure.
    /// </summary>
    public static SessionStarted Start(Team team, StartSession command, Session? openSession, Track? track, Actor by, Instant now)
    {
        if (command.SessionId == Guid.Empty)
        {
            throw new DomainException("id", Phrase.Of("id.empty"));
        }

        if (command.TrackId is { } trackId && (track is null || track.Id != trackId || track.TeamId != team.Id))
        {
            throw DomainException.NotFound("trackId", Phrase.Of("session.trackNotOfTeam"));
        }

        if (openSession is not null)
        {
            throw SecondOpenSession();
        }

        return new SessionStarted(command.SessionId, team.Id, command.TrackId, team.Cadence.DurationMinutes, by, now);
    }

    /// <summary>Only members and coaches of the team are marked; a second mark corrects the first.</summary>
    public static AttendanceMarked MarkAttendance(Session session, Team team, MarkAttendance command, Actor by, Instant now)
    {
        EnsureOpen(session);
        var name = team.NameOf(command.PersonId)
            ?? throw new DomainException("personId", Phrase.Of("session.onlyTeamAttends"));
        if (session.AttendeeOf(command.PersonId) is { } marked && marked.Present == command.Present)
        {
            throw DomainException.Conflict(
                "personId", command.Present ? Phrase.Of("session.alreadyPresent", name) : Phrase.Of("session.alreadyAbsent", name));
        }

        return new AttendanceMarked(session.Id, session.TeamId, command.PersonId, name, command.Present, by, now);
    }

    /// <summary>
    /// The coach of the team records one conversation per session: answers to the card's questions, each question once.
    /// Answers are free text, so a BSN is refused.
    /// </summary>
    public static CoachingConversationRecorded RecordCoachingConversation(
        Session session, Team team, RecordCoachingConversation command, Actor by, Instant now)
    {
        EnsureOpen(session);
        if (session.Coaching is not null)
        {
            throw DomainException.Conflict("coaching", Phrase.Of("session.coachingRecorded"));
        }

        var coach = team.Coaches.FirstOrDefault(c => c.Id == command.CoachId)
            ?? throw new DomainException("coachId", Phrase.Of("session.onlyCoachRecords"));
        if (command.Answers is null || command.Answers.Count == 0)
        {
            throw new DomainException("answers", Phrase.Of("session.answerOneQuestion", CoachingCard.Count));
        }

        var answers = new List<CoachingAnswer>();
        for (var i = 0; i < command.Answers.Count; i++)
        {
            var answer = command.Answers[i]
                ?? throw new DomainException($"answers[{i}]", Phrase.Of("text.required"));
            if (!CoachingCard.Has(answer.Question))
            {
                throw new DomainException($"answers[{i}].question", Phrase.Of("session.chooseQuestion", CoachingCard.Count));
            }

            if (answers.Any(a => a.Question == answer.Question))
            {
                throw new DomainException($"answers[{i}].question", Phrase.Of("session.questionAnswered", answer.Question));
            }

            answers.Add(new CoachingAnswer(answer.Question, Text.Free($"answers[{i}].answer", answer.Answer)));
        }

        // Stored in card order, however the client listed them.
        return new CoachingConversationRecorded(
            session.Id, session.TeamId, coach.Id, coach.Name, [.. answers.OrderBy(a => a.Question)], by, now);
    }

    /// <summary>
    /// The coach's answer to one question, saved as it is typed. The conversation is held by one coach of the team; an
    /// empty answer withdraws an earlier one. Free text, so a BSN is refused.
    /// </summary>
    public static CoachingAnswerSaved SaveCoachingAnswer(Session session, Team team, SaveCoachingAnswer command, Actor by, Instant now)
    {
        EnsureOpen(session);
        var coach = team.Coaches.FirstOrDefault(c => c.Id == command.CoachId)
            ?? throw new DomainException("coachId", Phrase.Of("session.onlyCoachRecords"));
        if (session.Coaching is { } held && held.CoachId != coach.Id)
        {
            throw DomainException.Conflict("coachId", Phrase.Of("session.otherCoachHolds", held.CoachName));
        }

        if (!CoachingCard.Has(command.Question))
        {
            throw new DomainException("question", Phrase.Of("session.chooseQuestion", CoachingCard.Count));
        }

        var answer = Text.Optional("answer", command.Answer);
        return new CoachingAnswerSaved(session.Id, session.TeamId, coach.Id, coach.Name, command.Question, answer, by, now);
    }

    /// <summary>A session ends once, and only when someone was there: an empty session did not take place.</summary>
    public static SessionEnded End(Session session, Actor by, Instant now)
    {
        EnsureOpen(session);
        if (session.PresentCount == 0)
        {
            throw DomainException.Conflict("attendance", Phrase.Of("session.markAttendanceFirst"));
        }

        return new SessionEnded(session.Id, session.TeamId, by, now);
    }

    /// <summary>The refusal of a second open session, also for the host when the store catches a start that raced another.</summary>
    public static DomainException SecondOpenSession() =>
        DomainException.Conflict("session", Phrase.Of("session.alreadyRunning"));

    private static void EnsureOpen(Session session)
    {
        if (!session.IsOpen)
        {
            throw DomainException.Conflict("session", Phrase.Of("session.ended"));
        }
    }
}
