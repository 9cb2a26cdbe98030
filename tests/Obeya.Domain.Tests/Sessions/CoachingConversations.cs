using Obeya.Domain.Privacy;
using Obeya.Domain.Sessions;

namespace Obeya.Domain.Tests.Sessions;

public class CoachingConversations : SessionSpecification
{
    private static CoachingConversationRecorded Record(Session session, Guid coachId, params CoachingAnswer[] answers) =>
        SessionDecisions.RecordCoachingConversation(session, TeamWerk, new RecordCoachingConversation(coachId, answers), "Marieke", Now);

    private static void Refused(Session session, Guid coachId, CoachingAnswer[] answers, string field, Refusal refusal) =>
        FluentActions.Invoking(() => Record(session, coachId, answers))
            .Should().Throw<DomainException>().Where(e => e.Field == field && e.Refusal == refusal);

    [Fact]
    public void the_coach_records_answers_to_the_five_questions()
    {
        var session = Given(Marked(Sander), Marked(Coach));

        var recorded = Record(session, Coach, [.. FiveAnswers]);

        recorded.Should().BeEquivalentTo(new CoachingConversationRecorded(SessionId, TeamId, Coach, "Marieke", FiveAnswers, "Marieke", Now));
        var coaching = session.With(recorded).Coaching!;
        coaching.CoachName.Should().Be("Marieke");
        coaching.Answers.Select(a => a.Question).Should().Equal(1, 2, 3, 4, 5);
        coaching.RecordedAt.Should().Be(Now);
    }

    [Fact]
    public void some_questions_may_stay_unanswered_and_answers_are_kept_in_card_order()
    {
        var recorded = Record(Given(), Coach, new CoachingAnswer(4, " Bellen  "), new CoachingAnswer(1, "Klantbeeld"));

        recorded.Answers.Should().Equal(new CoachingAnswer(1, "Klantbeeld"), new CoachingAnswer(4, "Bellen"));
    }

    [Fact]
    public void a_member_who_is_not_a_coach_does_not_record_it() =>
        Refused(Given(), Sander, [.. FiveAnswers], "coachId", Refusal.Invalid);

    [Fact]
    public void a_stranger_does_not_record_it() =>
        Refused(Given(), Guid.NewGuid(), [.. FiveAnswers], "coachId", Refusal.Invalid);

    [Fact]
    public void a_conversation_without_answers_is_refused() =>
        Refused(Given(), Coach, [], "answers", Refusal.Invalid);

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void a_question_is_one_of_the_five(int question) =>
        Refused(Given(), Coach, [new(1, "Klantbeeld"), new(question, "Iets")], "answers[1].question", Refusal.Invalid);

    [Fact]
    public void a_question_is_answered_once() =>
        Refused(Given(), Coach, [new(2, "Vier van de tien"), new(2, "Zes van de tien")], "answers[1].question", Refusal.Invalid);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void an_answer_has_text(string? answer) =>
        Refused(Given(), Coach, [new(1, answer!)], "answers[0].answer", Refusal.Invalid);

    [Fact]
    public void an_answer_with_a_bsn_is_refused() =>
        FluentActions.Invoking(() => Record(Given(), Coach, new CoachingAnswer(1, "Klantbeeld"), new CoachingAnswer(3, "Klant 111.222.333 belt steeds")))
            .Should().Throw<DomainException>().Where(e => e.Field == "answers[1].answer")
            .WithMessage(PrivacyGuard.BsnRefusal.Key);

    [Fact]
    public void an_overlong_answer_is_refused() =>
        Refused(Given(), Coach, [new(5, new string('x', Text.TextMaxLength + 1))], "answers[0].answer", Refusal.Invalid);

    [Fact]
    public void a_session_has_at_most_one_coaching_conversation() =>
        Refused(Given(Coached), Coach, [.. FiveAnswers], "coaching", Refusal.Conflict);

    [Fact]
    public void no_conversation_is_recorded_after_the_session_ended() =>
        Refused(Given(Marked(Sander), Ended), Coach, [.. FiveAnswers], "session", Refusal.Conflict);
}
