namespace Obeya.Domain.Sessions;

// What a person asks of a session. The session id is chosen by the caller, so a retried start names the same session.

public sealed record StartSession(Guid SessionId, Guid? TrackId);

public sealed record MarkAttendance(Guid PersonId, bool Present);

public sealed record RecordCoachingConversation(Guid CoachId, IReadOnlyList<CoachingAnswer> Answers);
