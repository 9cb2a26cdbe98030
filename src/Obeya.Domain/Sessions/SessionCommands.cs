namespace Obeya.Domain.Sessions;

// What a person asks of a session. The session id is chosen by the caller, so a retried start names the same session.

public sealed record StartSession(Guid SessionId, Guid? TrackId);

public sealed record MarkAttendance(Guid PersonId, bool Present);

public sealed record RecordCoachingConversation(Guid CoachId, IReadOnlyList<CoachingAnswer> Answers);

/// <summary>The coach's answer to one question as typed so far; empty withdraws it.</summary>
public sealed record SaveCoachingAnswer(Guid CoachId, int Question, string? Answer);
