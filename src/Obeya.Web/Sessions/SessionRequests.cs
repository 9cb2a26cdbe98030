using Obeya.Domain.Sessions;

namespace Obeya.Web.Sessions;

// Request bodies of the session API. An optional Id lets a client name the session it starts, so a retry
// after a lost answer is recognised instead of starting a second one.

public sealed record StartSessionRequest(Guid? TrackId = null, Guid? Id = null);

public sealed record MarkAttendanceRequest(Guid PersonId, bool Present);

public sealed record CoachingConversationRequest(Guid CoachId, IReadOnlyList<CoachingAnswer> Answers);

public sealed record CoachingAnswerRequest(Guid CoachId, int Question, string? Answer = null);
