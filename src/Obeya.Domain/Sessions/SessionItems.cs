namespace Obeya.Domain.Sessions;

/// <summary>Which part of a session an event changes: one person's attendance, the coaching conversation, or its end.</summary>
public static class SessionItems
{
    public static IEnumerable<string> Of(object e) => e switch
    {
        SessionStarted => ["session"],
        AttendanceMarked x => [x.PersonId.ToString()],
        CoachingConversationRecorded => ["coaching"],
        // Answers to different questions, typed on two screens at once, do not get in each other's way.
        CoachingAnswerSaved x => [$"coaching:{x.Question}"],
        SessionEnded => ["session"],
        _ => throw new ArgumentException($"{e.GetType().Name} is not a session event.", nameof(e)),
    };
}
