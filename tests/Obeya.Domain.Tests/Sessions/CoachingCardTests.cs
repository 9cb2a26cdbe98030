using Obeya.Domain.Sessions;

namespace Obeya.Domain.Tests.Sessions;

public class CoachingCardTests
{
    [Fact]
    public void the_card_holds_the_five_questions_in_order_each_its_own_phrase()
    {
        CoachingCard.Questions.Select(q => q.Number).Should().Equal(1, 2, 3, 4, 5);
        CoachingCard.Questions.Select(q => q.Text).Should().Equal(
            Enumerable.Range(1, 5).Select(n => Phrase.Of($"coaching.question{n}")));
    }

    [Fact]
    public void the_second_question_reflects_on_the_last_step()
    {
        CoachingCard.Questions[1].Reflection.Select(r => r.Key).Should().Equal(
            "coaching.question2.lastStep", "coaching.question2.expected", "coaching.question2.happened", "coaching.question2.learned");
        CoachingCard.Questions.Where(q => q.Number != 2).Should().OnlyContain(q => q.Reflection.Count == 0);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void only_numbers_on_the_card_are_questions(int number, bool isQuestion) =>
        CoachingCard.Has(number).Should().Be(isQuestion);
}
