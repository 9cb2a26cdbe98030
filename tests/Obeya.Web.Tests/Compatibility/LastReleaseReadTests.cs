using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Obeya.Web.Live;
using Obeya.Web.Tests.Accounts;
using Obeya.Web.Tests.Live;

namespace Obeya.Web.Tests.Compatibility;

/// <summary>
/// Everything the last release stored still opens, as its users look at it: every storyboard with its version, its
/// history as that release told it, the past, the team, its stand-up and wall screens, the Obeya room and the audit.
/// Nothing here changes a board, so every number is the fixture's own.
/// </summary>
public class LastReleaseReadTests(LastReleaseApp app) : IClassFixture<LastReleaseApp>
{
    [Fact]
    public async Task every_stored_storyboard_opens_with_its_number_of_events_as_its_version()
    {
        var beheerder = await app.Beheerder();

        foreach (var (id, (title, events)) in LastRelease.Tracks)
        {
            var response = await beheerder.GetAsync($"/api/v1/tracks/{id}");
            var board = await response.Json<JsonElement>();

            VersionedClient.VersionOf(response).Should().Be(events, title);
            board.GetProperty("version").GetInt64().Should().Be(events, "the body carries the version of the ETag");
            board.GetProperty("title").GetString().Should().Be(title);
        }

        LastRelease.Tracks.Should().HaveCount(13);
    }

    [Fact]
    public async Task the_storyboard_shows_what_the_release_stored()
    {
        var board = await (await (await app.Emmy()).GetAsync($"/api/v1/tracks/{LastRelease.Storyboard}")).Json<JsonElement>();

        board.GetProperty("challenge").GetString().Should().Be("Over een jaar ervaart 80% van onze klanten het gesprek als helpend, en gaat 60% binnen drie maanden aan de slag.");
        board.GetProperty("metrics").GetArrayLength().Should().Be(2);
        var corrected = board.GetProperty("metrics")[1].GetProperty("measurements").EnumerateArray().Should().ContainSingle().Subject;
        (corrected.GetProperty("value").GetDecimal(), corrected.GetProperty("correctedFrom").GetDecimal()).Should().Be((46m, 48m));
        board.GetProperty("activeTargetCondition").GetProperty("description").GetString().Should().Be("Zeven van de tien gesprekken met klantbeeld");
        board.GetProperty("targetConditions").EnumerateArray().Select(c => c.GetProperty("state").GetString()).Should().Equal("reached", "dropped", "active");
        board.GetProperty("obstacles").EnumerateArray().Select(o => o.GetProperty("state").GetString()).Should().Equal("resolved", "open", "open", "open");
        board.GetProperty("focusedObstacle").GetProperty("text").GetString().Should().Be("Klantmanagers vinden het klantbeeld niet in het dossier");
        board.GetProperty("openExperiment").GetProperty("step").GetString().Should().Be("Het klantbeeld bovenaan het dossier zetten");
        board.GetProperty("smallSteps").EnumerateArray().Select(s => (s.GetProperty("state").GetString(), s.GetProperty("ownerName").GetString()))
            .Should().Equal(("done", "Joost"), ("open", "Fatima"), ("open", "Sander"), ("done", "Sander"), ("dropped", "Fatima"));
    }

    [Fact]
    public async Task each_history_tells_one_sentence_per_event_as_the_release_told_it_naming_who_acted_then()
    {
        var emmy = await app.Emmy();
        var told = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(LastReleaseApp.Folder, "history.json"))).RootElement;

        foreach (var track in told.EnumerateObject())
        {
            var history = await (await emmy.GetAsync($"/api/v1/tracks/{track.Name}/history")).Json<JsonElement>();
            var (title, events) = LastRelease.Tracks[Guid.Parse(track.Name)];

            history.GetArrayLength().Should().Be((int)events, title);
            Lines(history).Should().Equal(Lines(track.Value), $"the history of '{title}' reads as the last release told it");
        }

        told.EnumerateObject().Select(t => t.Value.GetArrayLength()).Should().Equal(48, 8, 1);
        var storyboard = await (await emmy.GetAsync($"/api/v1/tracks/{LastRelease.Storyboard}/history")).Json<JsonElement>();
        storyboard.EnumerateArray().Select(l => l.GetProperty("by").GetString()).Distinct().Should().Equal("Emmy", "Sander", "Fatima", "Joost", "Marieke");
        storyboard[47].GetProperty("sentence").GetString().Should().Be("Marieke markeerde de stap 'Contactpersoon bij Re-integratie Noord vragen en op het bord zetten' als gedaan");
    }

    [Fact]
    public async Task the_past_replays_from_the_stored_events()
    {
        var emmy = await app.Emmy();
        var path = $"/api/v1/tracks/{LastRelease.Storyboard}";

        var seeded = await emmy.GetAsync($"{path}?asOf=2026-12-01T10:53:51.3013524Z");
        var demo = await seeded.Json<JsonElement>();
        VersionedClient.VersionOf(seeded).Should().Be(22, "the demo seeded 22 events at one moment");
        demo.GetProperty("obstacles").GetArrayLength().Should().Be(3);
        demo.GetProperty("focusedObstacle").GetProperty("text").GetString().Should().Be("Terugmeldingen van het re-integratiebedrijf komen zonder reden");
        demo.GetProperty("challenge").GetString().Should().StartWith("Over een jaar ervaart 80% van onze klanten het gesprek met hun klantmanager");

        var midway = await emmy.GetAsync($"{path}?asOf=2026-12-01T10:54:45.7291976Z");
        VersionedClient.VersionOf(midway).Should().Be(35, "the 35th event, an obstacle added, happened at that instant");
        var board = await midway.Json<JsonElement>();
        board.GetProperty("obstacles").GetArrayLength().Should().Be(4);
        board.GetProperty("focusedObstacleId").ValueKind.Should().Be(JsonValueKind.Null, "the focus was taken away one event before");

        VersionedClient.VersionOf(await emmy.GetAsync($"{path}?asOf=2026-12-01")).Should().Be(48);
        await (await emmy.GetAsync($"{path}?asOf=2026-11-30")).ShouldBeProblem(HttpStatusCode.NotFound, "asOf");
    }

    [Fact]
    public async Task replaying_each_tracks_events_today_gives_the_board_the_release_stored()
    {
        var beheerder = await app.Beheerder();

        foreach (var (id, (title, events)) in LastRelease.Tracks)
        {
            var stored = await beheerder.GetAsync($"/api/v1/tracks/{id}");
            var replayed = await beheerder.GetAsync($"/api/v1/tracks/{id}?asOf=2026-12-01");

            VersionedClient.VersionOf(replayed).Should().Be(events, title);
            var (now, then) = (await stored.Content.ReadAsStringAsync(), await replayed.Content.ReadAsStringAsync());
            var (storedBoard, replayedBoard) = (JsonNode.Parse(now)!.AsObject(), JsonNode.Parse(then)!.AsObject());
            // A property added since the release (a track's closure) is absent from its stored document: at its default
            // (null, false) it says what the old document means, an open track.
            foreach (var added in replayedBoard.Where(p => !storedBoard.ContainsKey(p.Key) && (p.Value is null || p.Value.ToJsonString() == "false")).Select(p => p.Key).ToList())
            {
                replayedBoard.Remove(added);
            }

            WithoutAddedSinceRelease(replayedBoard, storedBoard);

            JsonNode.DeepEquals(replayedBoard, storedBoard).Should().BeTrue($"'{title}' replayed today reads {then}\nbut was stored as {now}");
        }
    }

    /// <summary>What was kept since the release (the dates the rhythm counts with, where an obstacle came from); a document stored before has none of them.</summary>
    private static readonly HashSet<string> AddedSinceRelease = ["focusedSince", "agreedAt", "closedAt", "learnedAt", "origin"];

    /// <summary>Takes out of the replay, at any depth, the properties added since the release that its document lacks.</summary>
    private static void WithoutAddedSinceRelease(JsonNode? replayed, JsonNode? stored)
    {
        switch (replayed, stored)
        {
            case (JsonObject now, JsonObject then):
                foreach (var key in now.Select(p => p.Key).Where(k => AddedSinceRelease.Contains(k) && !then.ContainsKey(k)).ToList())
                {
                    now.Remove(key);
                }

                foreach (var (key, value) in now)
                {
                    WithoutAddedSinceRelease(value, then[key]);
                }

                break;
            case (JsonArray now, JsonArray then):
                for (var i = 0; i < Math.Min(now.Count, then.Count); i++)
                {
                    WithoutAddedSinceRelease(now[i], then[i]);
                }

                break;
        }
    }

    [Fact]
    public async Task a_storyboard_that_lost_its_connection_catches_up_on_the_releases_events()
    {
        var signedIn = await app.Browser().SignIn("emmy@werk.example.nl", "Emmy-Werk-2026");
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("obeya.auth=", StringComparison.Ordinal)).Split(';')[0];
        await using var hub = TestHub.Connection(app, cookie);
        await hub.StartAsync();

        var catchUp = await hub.InvokeAsync<CatchUp>("Since", Boards.Track(LastRelease.Storyboard), 0L);

        catchUp.Reload.Should().BeFalse();
        catchUp.Changes.Select(c => c.Version).Should().Equal(Enumerable.Range(1, 48).Select(v => (long)v));
        catchUp.Changes.Select(c => c.By).Distinct().Should().Equal("Emmy", "Sander", "Fatima", "Joost", "Marieke");
        catchUp.Changes[^1].Type.Should().Be("SmallStepDone");
        catchUp.Changes.Select(c => c.Sequence).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task the_team_answers_with_its_members_coaches_cadence_and_tracks()
    {
        var emmy = await app.Emmy();

        var team = await (await emmy.GetAsync($"/api/v1/teams/{LastRelease.TeamWerk}")).Json<JsonElement>();
        team.GetProperty("name").GetString().Should().Be("Team Werk");
        team.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString()).Should().Equal("Emmy", "Sander", "Fatima", "Joost", "Noor");
        team.GetProperty("coaches").EnumerateArray().Select(m => m.GetProperty("name").GetString()).Should().Equal("Marieke", "Ruud");
        team.GetProperty("cadence").GetProperty("days").EnumerateArray().Select(d => d.GetString()).Should().Equal("monday", "thursday");
        team.GetProperty("cadence").GetProperty("durationMinutes").GetInt32().Should().Be(20);

        var tracks = await (await emmy.GetAsync($"/api/v1/teams/{LastRelease.TeamWerk}/tracks")).Json<JsonElement>();
        tracks.EnumerateArray().Select(t => t.GetProperty("title").GetString()).Should().BeEquivalentTo(
            "Kwaliteit van het klantgesprek", "Werkfit in zes weken", "Leren van elke uitstroom", "Intake zonder wachttijd");

        var teams = await (await emmy.GetAsync("/api/v1/teams")).Json<JsonElement>();
        teams.EnumerateArray().Select(t => t.GetProperty("name").GetString()).Should().BeEquivalentTo("Team Werk", "Team Inkomen", "Team Schulden", "Team Wijkzorg Noord");
    }

    [Fact]
    public async Task the_stand_up_answers_with_its_attendance_and_coaching_conversation()
    {
        var emmy = await app.Emmy();

        var sessions = await (await emmy.GetAsync($"/api/v1/teams/{LastRelease.TeamWerk}/sessions")).Json<JsonElement>();
        sessions.EnumerateArray().Should().ContainSingle().Which.GetProperty("id").GetGuid().Should().Be(LastRelease.Standup);

        var response = await emmy.GetAsync($"/api/v1/sessions/{LastRelease.Standup}");
        var standup = await response.Json<JsonElement>();
        VersionedClient.VersionOf(response).Should().Be(5);
        standup.GetProperty("isOpen").GetBoolean().Should().BeFalse();
        standup.GetProperty("attendance").EnumerateArray().Select(a => (a.GetProperty("name").GetString(), a.GetProperty("present").GetBoolean()))
            .Should().Equal(("Sander", true), ("Fatima", false));
        standup.GetProperty("coaching").GetProperty("coachName").GetString().Should().Be("Marieke");
        standup.GetProperty("coaching").GetProperty("answers").GetArrayLength().Should().Be(3);
        await (await emmy.GetAsync($"/api/v1/teams/{LastRelease.TeamWerk}/sessions/open")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_wall_screens_answer_one_kept_and_one_revoked()
    {
        var screens = await (await (await app.Emmy()).GetAsync($"/api/v1/teams/{LastRelease.TeamWerk}/wall-screens")).Json<JsonElement>();

        screens.EnumerateArray().Select(s => (s.GetProperty("name").GetString(), s.GetProperty("revoked").GetBoolean()))
            .Should().Equal(("Scherm bij de koffie", false), ("Scherm oude kamer", true));
    }

    [Fact]
    public async Task the_obeya_room_answers_with_its_goals_impediments_dependencies_and_roll_up()
    {
        var pieter = await app.Pieter();

        var programmes = await (await pieter.GetAsync("/api/v1/programmes")).Json<JsonElement>();
        programmes.EnumerateArray().Should().ContainSingle().Which.GetProperty("name").GetString().Should().Be("Transformatie naar publieke dienstverlener");

        var view = await (await pieter.GetAsync($"/api/v1/programmes/{LastRelease.Programme}")).Json<JsonElement>();
        var programme = view.GetProperty("programme");
        programme.GetProperty("transitionGoals").GetArrayLength().Should().Be(4);
        var goals = programme.GetProperty("tacticalGoals").EnumerateArray().ToList();
        goals.Should().HaveCount(9);
        goals.Sum(g => g.GetProperty("trackIds").GetArrayLength()).Should().Be(13);
        programme.GetProperty("impediments").EnumerateArray().Select(i => i.GetProperty("isOpen").GetBoolean()).Should().Equal(true, true, false, false);
        programme.GetProperty("dependencies").GetArrayLength().Should().Be(3);

        string Shown(string result) => view.GetProperty("rollup").GetProperty("goals")
            .GetProperty(goals.Single(g => g.GetProperty("result").GetString() == result).GetProperty("id").GetString()!).GetProperty("shown").GetString()!;
        Shown("Schuldhulp binnen twee weken gestart").Should().Be("blocked", "Team Schulden's escalation is still open");
        Shown("Kosten per traject in beeld").Should().Be("blocked", "the room's own impediment is still open");
        Shown("Coaching in elk team").Should().Be("atRisk", "the override set in the release holds");
        Shown("Dashboard klantbeleving").Should().Be("achieved");
        view.GetProperty("rollup").GetProperty("tracks").GetProperty(LastRelease.Werkfit.ToString()).GetProperty("shown").GetString()
            .Should().NotBe("blocked", "its escalation was resolved");
    }

    [Fact]
    public async Task the_audit_lists_every_event_of_the_team_naming_who_acted_then()
    {
        var emmy = await app.Emmy();

        var response = await emmy.GetAsync($"/api/v1/teams/{LastRelease.TeamWerk}/audit?limit=500");
        var lines = (await response.Json<JsonElement>()).EnumerateArray().Reverse().ToList();

        // The team (9), its four tracks (48 + 8 + 6 + 1), the stand-up (5) and the two wall screens (1 + 2).
        lines.Should().HaveCount(80);
        lines[0].GetProperty("what").GetString().Should().Be("Marieke (coach) maakte het team 'Team Werk' aan");
        lines.Select(l => l.GetProperty("who").GetString()).Distinct().Should().BeEquivalentTo(
            "Marieke (coach)", "Beheerder", "Emmy", "Sander", "Fatima", "Joost", "Marieke", "Pieter de Vries");
        lines.Select(l => l.GetProperty("board").GetString()).Should().Contain(["team", "sessie", "wandscherm", "Kwaliteit van het klantgesprek"]);

        var csv = await emmy.GetStringAsync($"/api/v1/teams/{LastRelease.TeamWerk}/audit.csv");
        csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(81, "a header and the same 80 lines");
    }

    [Fact]
    public async Task the_accounts_sign_in_with_the_passwords_they_had_and_a_wrong_one_is_refused()
    {
        foreach (var (email, password) in LastRelease.Accounts)
        {
            (await app.Browser().SignIn(email, password)).StatusCode.Should().Be(HttpStatusCode.Redirect, email);
        }

        (await app.Browser().SignIn("anouk@gemeente.example.nl", "Anouk-Start-2026")).StatusCode.Should().Be(HttpStatusCode.BadRequest, "her password was changed");
        (await app.Browser().SignIn("emmy@werk.example.nl", "niet-het-wachtwoord")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task the_storyboard_page_renders_for_a_member()
    {
        var response = await (await app.Emmy()).GetAsync($"/tracks/{LastRelease.Storyboard}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        html.Should().Contain("Kwaliteit van het klantgesprek").And.Contain("Klantmanagers vinden het klantbeeld niet in het dossier").And.NotContain("Geen toegang");
    }

    [Theory]
    [InlineData("emmy", "/", "Team Werk")]
    [InlineData("emmy", "/teams/01a2313d-4f60-7c10-918b-c7422561cf2c", "Scherm bij de koffie")]
    [InlineData("emmy", "/teams/01a2313d-4f60-7c10-918b-c7422561cf2c/standup", "Kwaliteit van het klantgesprek")]
    [InlineData("emmy", "/teams/01a2313d-4f60-7c10-918b-c7422561cf2c/audit", "Scherm oude kamer")]
    [InlineData("emmy", "/tracks/01a2313d-502a-7d21-9c8c-a1d199e0263f", "Het intaketeam krijgt twee extra klantmanagers")]
    [InlineData("pieter", "/obeya", "Transformatie naar publieke dienstverlener")]
    [InlineData("pieter", "/obeya/01a2313d-502c-7357-84db-4f32657eb3c5", "Dienstverlening dicht bij huis")]
    [InlineData("pieter", "/obeya/01a2313d-502c-7357-84db-4f32657eb3c5/transitiedoelen/01a2313d-502c-744c-90af-498d7eb57d47", "Werkfit in zes weken")]
    [InlineData("pieter", "/obeya/01a2313d-502c-7357-84db-4f32657eb3c5/belemmeringen", "Geen afspraak met de financiële administratie over kosten per traject")]
    [InlineData("pieter", "/obeya/01a2313d-502c-7357-84db-4f32657eb3c5/afhankelijkheden", "Intake zonder wachttijd")]
    public async Task every_screen_over_the_release_data_renders(string who, string page, string shows)
    {
        var client = who == "emmy" ? await app.Emmy() : await app.Pieter();

        var response = await client.GetAsync(page);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        html.Should().Contain(shows).And.NotContain("Geen toegang");
    }

    [Fact]
    public async Task the_beheerder_lists_the_accounts_with_their_roles()
    {
        var accounts = await (await (await app.Beheerder()).GetAsync("/api/v1/accounts")).Json<JsonElement>();

        accounts.EnumerateArray().Select(a => a.GetProperty("email").GetString()).Should().BeEquivalentTo(LastRelease.Accounts.Select(a => a.Email));
        accounts.EnumerateArray().Single(a => a.GetProperty("name").GetString() == "Anouk Bakker")
            .GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("programmeDirector");
    }

    private static IEnumerable<(long, string?, string?, string?)> Lines(JsonElement history) =>
        history.EnumerateArray().Select(l => (l.GetProperty("version").GetInt64(), l.GetProperty("at").GetString(), l.GetProperty("by").GetString(), l.GetProperty("sentence").GetString()));
}
