using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using Obeya.Testing;

namespace Obeya.Web.Tests.Sessions;

/// <summary>The coach's answers saved one by one as typed, and the team's sessions looked back on.</summary>
public class SessionHistoryApiTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    private static async Task<Guid> NewTrack(HttpClient client, Guid teamId, string title) =>
        (await (await client.PostAsJsonAsync($"/api/v1/teams/{teamId}/tracks", new { title, challenge = "Minder wachten" }))
            .Json<JsonElement>()).GetProperty("id").GetGuid();

    private async Task AgreeStep(HttpClient client, Guid trackId, string text, Guid ownerId)
    {
        var board = await client.GetAsync($"/api/v1/tracks/{trackId}");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tracks/{trackId}/steps")
        {
            Content = JsonContent.Create(new { text, ownerId, due = app.Clock.GetCurrentInstant().InUtc().Date.PlusDays(7).ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", board.Headers.ETag!.Tag);
        var response = await client.SendAsync(request);
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> Answer(Standup standup, int question, string? answer) =>
        standup.Send("/coaching/answers", new { coachId = standup.People["Marieke"], question, answer });

    [Fact]
    public async Task answers_saved_as_typed_replace_each_other_and_an_emptied_one_is_withdrawn()
    {
        var standup = await Standup.StartAsync(app);

        (await Answer(standup, 1, "Elke verw")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Answer(standup, 1, "Elke verwijzing met een klantbeeld")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Answer(standup, 3, "Terugmeldingen")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Answer(standup, 3, null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Answer(standup, 5, "Donderdag")).StatusCode.Should().Be(HttpStatusCode.OK);

        var coaching = (await standup.Read()).GetProperty("coaching");
        coaching.GetProperty("coachName").GetString().Should().Be("Marieke");
        coaching.GetProperty("answers").EnumerateArray().Select(a => (a.GetProperty("question").GetInt32(), a.GetProperty("answer").GetString()))
            .Should().Equal((1, "Elke verwijzing met een klantbeeld"), (5, "Donderdag"));
    }

    [Fact]
    public async Task an_answer_to_a_question_off_the_card_or_by_a_member_is_refused_by_name()
    {
        var standup = await Standup.StartAsync(app);

        await (await standup.Send("/coaching/answers", new { coachId = standup.People["Marieke"], question = 6, answer = "Nu" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "question");
        await (await standup.Send("/coaching/answers", new { coachId = standup.People["Sander"], question = 1, answer = "Nu" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "coachId");
        (await standup.Read()).GetProperty("coaching").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task the_history_names_who_attended_the_coach_the_answers_and_the_steps_agreed_on_every_track_newest_first()
    {
        var standup = await Standup.TeamAsync(app);
        var client = app.ClientFor("Marieke");
        var first = await NewTrack(client, standup.TeamId, "Klantbeeld bij verwijzing");
        var second = await NewTrack(client, standup.TeamId, "Klantbestand beter in beeld");
        await AgreeStep(client, first, "Stap van voor de sessie", standup.People["Sander"]);
        app.Clock.Advance(Duration.FromMinutes(1));

        await standup.Start(new { trackId = first });
        await standup.Mark("Sander");
        await standup.Mark("Marieke");
        await AgreeStep(client, first, "Contactpersoon Noord bellen", standup.People["Sander"]);
        await AgreeStep(client, second, "Lijst van klanten zonder contact maken", standup.People["Fatima"]);
        for (var question = 1; question <= 5; question++)
        {
            (await Answer(standup, question, $"Antwoord {question}")).EnsureSuccessStatusCode();
        }

        app.Clock.Advance(Duration.FromMinutes(25));
        await standup.End();
        app.Clock.Advance(Duration.FromDays(2));
        await AgreeStep(client, first, "Stap van na de sessie", standup.People["Sander"]);
        await standup.Start(new { trackId = second });
        await standup.Mark("Fatima");

        var response = await standup.Get($"{standup.TeamPath}/history");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var history = (await response.Json<JsonElement>()).EnumerateArray().ToList();
        history.Should().HaveCount(2);
        history[0].GetProperty("isOpen").GetBoolean().Should().BeTrue("the newest first: the one running now");
        history[0].GetProperty("present").EnumerateArray().Select(p => p.GetString()).Should().Equal("Fatima");
        history[0].GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("text").GetString()).Should().Equal("Stap van na de sessie");

        var held = history[1];
        held.GetProperty("present").EnumerateArray().Select(p => p.GetString()).Should().Equal("Sander", "Marieke");
        held.GetProperty("coachName").GetString().Should().Be("Marieke");
        held.GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("answer").GetString())
            .Should().Equal("Antwoord 1", "Antwoord 2", "Antwoord 3", "Antwoord 4", "Antwoord 5");
        held.GetProperty("steps").EnumerateArray().Select(s => (s.GetProperty("text").GetString(), s.GetProperty("ownerName").GetString(), s.GetProperty("trackTitle").GetString()))
            .Should().Equal(
                ("Contactpersoon Noord bellen", "Sander", "Klantbeeld bij verwijzing"),
                ("Lijst van klanten zonder contact maken", "Fatima", "Klantbestand beter in beeld"));
    }

    [Fact]
    public async Task a_stranger_to_the_team_reads_no_history()
    {
        var standup = await Standup.StartAsync(app);

        var response = await app.ClientAs("Onbekende").GetAsync($"{standup.TeamPath}/history");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
