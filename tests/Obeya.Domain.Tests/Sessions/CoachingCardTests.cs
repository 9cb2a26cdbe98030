using Obeya.Domain.Sessions;

namespace Obeya.Domain.Tests.Sessions;

public class CoachingCardTests
{
    [Fact]
    public void the_card_holds_the_five_questions_in_order()
    {
        CoachingCard.Questions.Select(q => q.Number).Should().Equal(1, 2, 3, 4, 5);
        CoachingCard.Questions[0].Text.Should().Be("Wat is de doeltoestand?");
        CoachingCard.Questions[1].Text.Should().Be("Wat is de huidige toestand nu?");
        CoachingCard.Questions[2].Text.Should().Be("Welke obstakels houden je tegen om de doeltoestand te bereiken? Aan welk obstakel werk je nu?");
        CoachingCard.Questions[3].Text.Should().Be("Wat is je volgende stap (het volgende experiment)? Wat verwacht je?");
        CoachingCard.Questions[4].Text.Should().Be("Wanneer kunnen we gaan kijken wat we van die stap geleerd hebben?");
    }

    [Fact]
    public void the_second_question_reflects_on_the_last_step() =>
        CoachingCard.Questions[1].Reflection.Should().Equal(
            "Wat was je laatste stap?", "Wat verwachtte je?", "Wat gebeurde er werkelijk?", "Wat heb je geleerd?");

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void only_numbers_on_the_card_are_questions(int number, bool isQuestion) =>
        CoachingCard.Has(number).Should().Be(isQuestion);
}
