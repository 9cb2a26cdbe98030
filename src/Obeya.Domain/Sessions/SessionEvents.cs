using NodaTime;

namespace Obeya.Domain.Sessions;

// The facts of one stand-up's stream. Each names the session and its team, who acted and when.

/// <summary><see cref="DurationMinutes"/> is the timebox, taken from the team's cadence when the session starts.</summary>
public sealed record SessionStarted(Guid SessionId, Guid TeamId, Guid? TrackId, int DurationMinutes, Actor By, Instant At) : IFact;

/// <summary>Marking a person again (present after absent, or back) corrects the earlier mark; both stay in the stream.</summary>
public sealed record AttendanceMarked(Guid SessionId, Guid TeamId, Guid PersonId, string PersonName, bool Present, Actor By, Instant At) : IFact;

public sealed record CoachingAnswer(int Question, string Answer);

public sealed record CoachingConversationRecorded(
    Guid SessionId, Guid TeamId, Guid CoachId, string CoachName, IReadOnlyList<CoachingAnswer> Answers, Actor By, Instant At) : IFact;

/// <summary>
/// The coach's answer to one question, saved while it is typed, so a closed browser loses nothing: the conversation is
/// recorded as it goes. A later answer to the same question replaces the earlier one (both stay in the stream); a null
/// answer withdraws it.
/// </summary>
public sealed record CoachingAnswerSaved(
    Guid SessionId, Guid TeamId, Guid CoachId, string CoachName, int Question, string? Answer, Actor By, Instant At) : IFact;

public sealed record SessionEnded(Guid SessionId, Guid TeamId, Actor By, Instant At) : IFact;
