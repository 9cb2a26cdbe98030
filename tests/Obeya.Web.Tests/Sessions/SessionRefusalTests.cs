using System.Net;
using Obeya.Testing;

namespace Obeya.Web.Tests.Sessions;

/// <summary>Every refused change to a session is a 4xx problem that names the field, and the store is exactly as it was.</summary>
public class SessionRefusalTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    public enum State
    {
        /// <summary>Started, nobody marked yet.</summary>
        Open,
        /// <summary>Sander present, the coaching conversation recorded.</summary>
        Coached,
        /// <summary>Sander present, ended.</summary>
        Ended,
    }

    public sealed record Case(string Name, State State, string Path, Func<Standup, string?> Body, int Status, string Field, Func<Standup, string>? IfMatch = null)
    {
        public override string ToString() => Name;
    }

    private static string Attendance(Standup s, string person, string present = "true") => $$"""{"personId": "{{s.People[person]}}", "present": {{present}}}""";

    private static string Coaching(Standup s, string coach, string answers) => $$"""{"coachId": "{{s.People[coach]}}", "answers": [{{answers}}]}""";

    private const string OneAnswer = """{"question": 1, "answer": "Elke verwijzing met klantbeeld"}""";

    public static TheoryData<Case> Cases => new()
    {
        new("attendance of a stranger", State.Open, "/attendance", _ => $$"""{"personId": "{{Guid.NewGuid()}}", "present": true}""", 400, "personId"),
        new("attendance without present", State.Open, "/attendance", s => $$"""{"personId": "{{s.People["Sander"]}}"}""", 400, "present"),
        new("attendance marked twice the same", State.Coached, "/attendance", s => Attendance(s, "Sander"), 409, "personId"),
        new("coaching by a member who is not a coach", State.Open, "/coaching", s => Coaching(s, "Sander", OneAnswer), 400, "coachId"),
        new("coaching by a stranger", State.Open, "/coaching", _ => $$"""{"coachId": "{{Guid.NewGuid()}}", "answers": [{{OneAnswer}}]}""", 400, "coachId"),
        new("BSN in an answer", State.Open, "/coaching", s => Coaching(s, "Marieke", OneAnswer + """, {"question": 3, "answer": "Klant 111.222.333 belt steeds"}"""), 400, "answers[1].answer"),
        new("question 6", State.Open, "/coaching", s => Coaching(s, "Marieke", """{"question": 6, "answer": "Nog iets"}"""), 400, "answers[0].question"),
        new("question 0", State.Open, "/coaching", s => Coaching(s, "Marieke", """{"question": 0, "answer": "Nog iets"}"""), 400, "answers[0].question"),
        new("a question answered twice", State.Open, "/coaching", s => Coaching(s, "Marieke", OneAnswer + ", " + OneAnswer), 400, "answers[1].question"),
        new("an empty answer", State.Open, "/coaching", s => Coaching(s, "Marieke", """{"question": 2, "answer": " "}"""), 400, "answers[0].answer"),
        new("an answer without text", State.Open, "/coaching", s => Coaching(s, "Marieke", """{"question": 2}"""), 400, "answers[0].answer"),
        new("no answers", State.Open, "/coaching", s => Coaching(s, "Marieke", ""), 400, "answers"),
        new("a second coaching conversation", State.Coached, "/coaching", s => Coaching(s, "Marieke", OneAnswer), 409, "coaching"),
        new("end without attendance", State.Open, "/end", _ => null, 409, "attendance"),
        new("attendance after the end", State.Ended, "/attendance", s => Attendance(s, "Fatima"), 409, "session"),
        new("coaching after the end", State.Ended, "/coaching", s => Coaching(s, "Marieke", OneAnswer), 409, "session"),
        new("end after the end", State.Ended, "/end", _ => null, 409, "session"),
        new("stale version", State.Coached, "/attendance", s => Attendance(s, "Fatima"), 412, "If-Match", s => $"\"{s.Version - 1}\""),
        new("no version", State.Open, "/attendance", s => Attendance(s, "Fatima"), 428, "If-Match", _ => ""),
        new("no version to end", State.Coached, "/end", _ => null, 428, "If-Match", _ => ""),
    };

    private async Task<Standup> Given(State state)
    {
        var standup = await Standup.StartAsync(app);
        if (state is State.Coached or State.Ended)
        {
            await standup.Mark("Sander");
        }

        if (state == State.Coached)
        {
            await standup.Coach((1, "Elke verwijzing met klantbeeld"));
        }

        if (state == State.Ended)
        {
            await standup.End();
        }

        return standup;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task a_refused_change_is_a_problem_and_changes_nothing(Case bad)
    {
        var standup = await Given(bad.State);
        var before = await app.EventCount();
        var sessionBefore = (await standup.Read()).GetRawText();

        var response = await standup.Send(bad.Path, rawJson: bad.Body(standup), ifMatch: bad.IfMatch?.Invoke(standup));

        var problem = await response.ShouldBeProblem((HttpStatusCode)bad.Status, bad.Field);
        if (bad.Status == 412)
        {
            problem.GetProperty("currentVersion").GetInt64().Should().Be(standup.Version);
        }

        (await app.EventCount()).Should().Be(before);
        (await standup.Read()).GetRawText().Should().Be(sessionBefore);
    }

    [Fact]
    public async Task a_bsn_in_an_answer_is_refused_with_the_privacy_message()
    {
        var standup = await Given(State.Open);

        var response = await standup.Send("/coaching", rawJson: Coaching(standup, "Marieke", """{"question": 2, "answer": "Bij 123456782 werkte het"}"""));

        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest, "answers[0].answer");
        problem.GetProperty("detail").GetString().Should().Be(
            "Deze tekst lijkt een burgerservicenummer (BSN) te bevatten. Klantgegevens horen niet op een bord: beschrijf groepen en patronen, nooit een klant.");
    }
}
