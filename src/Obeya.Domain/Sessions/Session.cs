using NodaTime;

namespace Obeya.Domain.Sessions;

/// <summary>A person's latest attendance mark in a session.</summary>
public sealed record Attendee(Guid PersonId, string Name, bool Present);

/// <summary>The coach's conversation in a session: the answers to the card's questions, by number.</summary>
public sealed record CoachingConversation(Guid CoachId, string CoachName, IReadOnlyList<CoachingAnswer> Answers, Instant RecordedAt);

/// <summary>
/// One stand-up (sessie) of a team, timeboxed, folded from its events. <see cref="IsOpen"/> is a plain field rather
/// than derived from <see cref="EndedAt"/>, so that the store can query it (LINQ over NodaTime members misbehaves).
/// </summary>
public sealed record Session(
    Guid Id,
    Guid TeamId,
    Guid? TrackId,
    int DurationMinutes,
    Instant StartedAt,
    Instant? EndedAt,
    bool IsOpen,
    IReadOnlyList<Attendee> Attendance,
    CoachingConversation? Coaching)
{
    /// <summary>When the timebox runs out; a session may run over, the wall shows it.</summary>
    public Instant TimeboxEndsAt => StartedAt + Duration.FromMinutes(DurationMinutes);

    public int PresentCount => Attendance.Count(a => a.Present);

    public static Session From(SessionStarted e) =>
        new(e.SessionId, e.TeamId, e.TrackId, e.DurationMinutes, e.At, null, IsOpen: true, [], null);

    private Session With(AttendanceMarked e)
    {
        var attendee = new Attendee(e.PersonId, e.PersonName, e.Present);
        // A person appears once, where first marked; a later mark corrects the earlier one.
        return this with
        {
            Attendance = Attendance.Any(a => a.PersonId == e.PersonId)
                ? [.. Attendance.Select(a => a.PersonId == e.PersonId ? attendee : a)]
                : [.. Attendance, attendee],
        };
    }

    private Session With(CoachingConversationRecorded e) =>
        this with { Coaching = new CoachingConversation(e.CoachId, e.CoachName, e.Answers, e.At) };

    private Session With(CoachingAnswerSaved e)
    {
        var others = (Coaching?.Answers ?? []).Where(a => a.Question != e.Question);
        IEnumerable<CoachingAnswer> answers = e.Answer is null ? others : [.. others, new CoachingAnswer(e.Question, e.Answer)];
        return this with { Coaching = new CoachingConversation(e.CoachId, e.CoachName, [.. answers.OrderBy(a => a.Question)], e.At) };
    }

    private Session With(SessionEnded e) => this with { EndedAt = e.At, IsOpen = false };

    /// <summary>Applies any session event after the first.</summary>
    public Session With(object e) => Dispatch(e);

    private Session Dispatch(object e) => e switch
    {
        AttendanceMarked x => With(x),
        CoachingConversationRecorded x => With(x),
        CoachingAnswerSaved x => With(x),
        SessionEnded x => With(x),
        _ => throw new ArgumentException($"{e.GetType().Name} is not an event of an existing session.", nameof(e)),
    };

    public Attendee? AttendeeOf(Guid personId) => Attendance.FirstOrDefault(a => a.PersonId == personId);

    /// <summary>The session that a stream of events describes; the first must be <see cref="SessionStarted"/>.</summary>
    public static Session Replay(IEnumerable<object> events)
    {
        Session? session = null;
        foreach (var e in events)
        {
            session = session is null ? From((SessionStarted)e) : session.With(e);
        }

        return session ?? throw new ArgumentException("A session starts with SessionStarted.", nameof(events));
    }
}
