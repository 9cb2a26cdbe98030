namespace Obeya.Domain.Sessions;

/// <summary>One question of the coaching card; <see cref="Reflection"/> holds the sub-questions about the last step.</summary>
public sealed record CoachingQuestion(int Number, string Text, IReadOnlyList<string> Reflection);

/// <summary>The five coaching questions (coachingskaart) the coach asks, in order; answers refer to them by number.</summary>
public static class CoachingCard
{
    public static IReadOnlyList<CoachingQuestion> Questions { get; } =
    [
        new(1, "Wat is de doeltoestand?", []),
        new(2, "Wat is de huidige toestand nu?",
        [
            "Wat was je laatste stap?",
            "Wat verwachtte je?",
            "Wat gebeurde er werkelijk?",
            "Wat heb je geleerd?",
        ]),
        new(3, "Welke obstakels houden je tegen om de doeltoestand te bereiken? Aan welk obstakel werk je nu?", []),
        new(4, "Wat is je volgende stap (het volgende experiment)? Wat verwacht je?", []),
        new(5, "Wanneer kunnen we gaan kijken wat we van die stap geleerd hebben?", []),
    ];

    public static int Count => Questions.Count;

    public static bool Has(int number) => number >= 1 && number <= Count;
}
