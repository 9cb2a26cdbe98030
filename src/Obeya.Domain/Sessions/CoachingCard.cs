namespace Obeya.Domain.Sessions;

/// <summary>One question of the coaching card; <see cref="Reflection"/> holds the sub-questions about the last step.</summary>
public sealed record CoachingQuestion(int Number, Phrase Text, IReadOnlyList<Phrase> Reflection);

/// <summary>
/// The five coaching questions (coachingskaart) the coach asks, in order; answers refer to them by number. Each is a
/// phrase, so the card reads in the coach's language.
/// </summary>
public static class CoachingCard
{
    public static IReadOnlyList<CoachingQuestion> Questions { get; } =
    [
        new(1, Phrase.Of("coaching.question1"), []),
        new(2, Phrase.Of("coaching.question2"),
        [
            Phrase.Of("coaching.question2.lastStep"),
            Phrase.Of("coaching.question2.expected"),
            Phrase.Of("coaching.question2.happened"),
            Phrase.Of("coaching.question2.learned"),
        ]),
        new(3, Phrase.Of("coaching.question3"), []),
        new(4, Phrase.Of("coaching.question4"), []),
        new(5, Phrase.Of("coaching.question5"), []),
    ];

    public static int Count => Questions.Count;

    public static bool Has(int number) => number >= 1 && number <= Count;
}
