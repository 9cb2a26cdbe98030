using NodaTime;
using Obeya.Domain.Privacy;
using Obeya.Domain.Sessions;
using Obeya.Domain.Teams;

namespace Obeya.Domain.Tests.Sessions;

/// <summary>The coach's answers saved one by one while typed: the conversation is recorded as it goes.</summary>
public class CoachingAnswers : SessionSpecification
{
    private static CoachingAnswerSaved Save(Session session, Guid coachId, int question, string? answer) =>
        SessionDecisions.SaveCoachingAnswer(session, TeamWerk, new SaveCoachingAnswer(coachId, question, answer), "Marieke", Now);

    private static void Refused(Session session, Guid coachId, int question, string? answer, string field, Refusal refusal) =>
        FluentActions.Invoking(() => Save(session, coachId, question, answer))
            .Should().Throw<DomainException>().Where(e => e.Field == field && e.Refusal == refusal);

    [Fact]
    public void each_answer_is_saved_as_typed_and_a_later_one_replaces_the_earlier()
    {
        var session = Given(Marked(Sander));

        var first = Save(session, Coach, 3, " Terugmeldingen ");
        first.Should().Be(new CoachingAnswerSaved(SessionId, TeamId, Coach, "Marieke", 3, "Terugmeldingen", "Marieke", Now));
        session = session.With(first);
        session = session.With(Save(session, Coach, 1, "Klantbeeld"));
        session = session.With(Save(session, Coach, 3, "Terugmeldingen zonder reden"));

        session.Coaching!.CoachName.Should().Be("Marieke");
        session.Coaching.Answers.Should().Equal(new CoachingAnswer(1, "Klantbeeld"), new CoachingAnswer(3, "Terugmeldingen zonder reden"));
    }

    [Fact]
    public void an_emptied_answer_is_withdrawn()
    {
        var session = Given(Marked(Sander));
        session = session.With(Save(session, Coach, 2, "Vier van de tien"));

        var withdrawn = Save(session, Coach, 2, " \u200B ");

        withdrawn.Answer.Should().BeNull();
        session.With(withdrawn).Coaching!.Answers.Should().BeEmpty();
    }

    [Fact]
    public void only_a_coach_of_the_team_answers() =>
        Refused(Given(), Sander, 1, "Klantbeeld", "coachId", Refusal.Invalid);

    [Fact]
    public void the_conversation_is_held_by_one_coach()
    {
        var other = Guid.NewGuid();
        var team = TeamWerk.With(new CoachAssigned(TeamId, other, "Joost", null, By, Now));
        var session = Given(new CoachingAnswerSaved(SessionId, TeamId, Coach, "Marieke", 1, "Klantbeeld", "Marieke", Now));

        FluentActions.Invoking(() => SessionDecisions.SaveCoachingAnswer(session, team, new SaveCoachingAnswer(other, 2, "Nu"), "Joost", Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "coachId" && e.Refusal == Refusal.Conflict);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void the_question_is_one_of_the_card(int question) =>
        Refused(Given(), Coach, question, "Klantbeeld", "question", Refusal.Invalid);

    [Fact]
    public void a_citizen_service_number_is_refused() =>
        Refused(Given(), Coach, 1, "Klant 111222333 belde", "answer", Refusal.Invalid);

    [Fact]
    public void an_ended_session_takes_no_answers() =>
        Refused(Given(Marked(Sander), Ended), Coach, 1, "Klantbeeld", "session", Refusal.Conflict);

    [Fact]
    public void after_answers_were_saved_the_whole_conversation_is_not_recorded_a_second_time() =>
        FluentActions.Invoking(() => SessionDecisions.RecordCoachingConversation(
                Given(new CoachingAnswerSaved(SessionId, TeamId, Coach, "Marieke", 1, "Klantbeeld", "Marieke", Now)), TeamWerk,
                new RecordCoachingConversation(Coach, FiveAnswers), "Marieke", Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "coaching");
}

/// <summary>Question 5, "when can we see what we learned", names the next session: not the one running now.</summary>
public class NextSessions : SessionSpecification
{
    // Tuesday 24 November 2026, Amsterdam (UTC+1); Team Werk meets Tuesday and Thursday at 09:00 for 20 minutes.
    private static Instant Amsterdam(int day, int hour, int minute) => Instant.FromUtc(2026, 11, day, hour - 1, minute);

    private static Session RunningFrom(Instant started) =>
        Session.Replay([new SessionStarted(SessionId, TeamId, null, 20, By, started)]);

    [Fact]
    public void a_session_started_just_before_its_planned_time_is_that_session_so_the_next_is_thursday() =>
        NextSession.After(TeamWerk.Cadence, RunningFrom(Amsterdam(24, 8, 55)), Amsterdam(24, 8, 58))
            .LocalDateTime.Should().Be(new LocalDateTime(2026, 11, 26, 9, 0));

    [Fact]
    public void without_a_running_session_the_planned_time_later_today_is_next() =>
        NextSession.After(TeamWerk.Cadence, null, Amsterdam(24, 8, 58)).LocalDateTime.Should().Be(new LocalDateTime(2026, 11, 24, 9, 0));

    [Fact]
    public void an_ended_session_covers_nothing_any_more() =>
        NextSession.After(TeamWerk.Cadence, RunningFrom(Amsterdam(24, 8, 0)).With(new SessionEnded(SessionId, TeamId, By, Amsterdam(24, 8, 10))), Amsterdam(24, 8, 30))
            .LocalDateTime.Should().Be(new LocalDateTime(2026, 11, 24, 9, 0));

    [Fact]
    public void a_session_running_over_its_timebox_still_holds_today() =>
        NextSession.After(TeamWerk.Cadence, RunningFrom(Amsterdam(24, 9, 0)), Amsterdam(24, 9, 45))
            .LocalDateTime.Should().Be(new LocalDateTime(2026, 11, 26, 9, 0));
}
