using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using Obeya.Web.Tests.Accounts;

namespace Obeya.Web.Tests.Compatibility;

/// <summary>
/// Work goes on where the last release left it: a change to one of its boards names the version the board answers,
/// and the next version is one more, with today's actor beside the old ones in its history.
/// </summary>
public class LastReleaseWriteTests(LastReleaseApp app) : IClassFixture<LastReleaseApp>
{
    [Fact]
    public async Task a_change_to_the_storyboard_with_its_stored_version_is_accepted_and_counts_on()
    {
        var board = new OldBoard(await app.Emmy(), LastRelease.Storyboard);
        await board.Open();
        board.Version.Should().Be(48);

        var added = await board.Send(HttpMethod.Post, "/obstacles", new { text = "Het dossier opent traag" });

        added.StatusCode.Should().Be(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        board.Version.Should().Be(49);
        var history = await (await board.Get("/history")).Json<JsonElement>();
        history.GetArrayLength().Should().Be(49);
        history[48].GetProperty("sentence").GetString().Should().Be("Emmy voegde obstakel 'Het dossier opent traag' toe");
        history[0].GetProperty("by").GetString().Should().Be("Emmy", "the old actors keep their stored names");
        (await board.Send(HttpMethod.Post, "/obstacles", new { text = "Nog een" }, ifMatch: "\"48\"")).StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task a_board_whose_escalation_the_release_resolved_takes_changes_at_the_stream_version()
    {
        // The release stored this board with "version": 0 once the room resolved its escalation (the bug 03f433f fixed).
        var board = new OldBoard(await app.Emmy(), LastRelease.Werkfit);
        await board.Open();
        board.Version.Should().Be(8);
        var stored = await (await board.Get("")).Json<JsonElement>();
        stored.GetProperty("obstacles")[0].GetProperty("escalation").GetProperty("resolution").GetString().Should().Be("Het intaketeam krijgt twee extra klantmanagers");

        (await board.Send(HttpMethod.Post, "/obstacles", new { text = "Stap" }, ifMatch: "\"7\"")).StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        var result = await board.Send(HttpMethod.Post, $"/experiments/{stored.GetProperty("openExperiment").GetProperty("id").GetGuid()}/result", new
        {
            whatHappened = "De wachttijd ging van vijf naar twee weken",
            learned = "Twee klantmanagers extra maken het verschil",
            asExpected = true,
        });

        result.StatusCode.Should().Be(HttpStatusCode.OK, await result.Content.ReadAsStringAsync());
        board.Version.Should().Be(9);
        VersionedClient.VersionOf(await board.Get("")).Should().Be(9);
    }

    [Fact]
    public async Task the_team_session_and_programme_take_changes_too()
    {
        var emmy = await app.Emmy();
        var started = await emmy.PostAsJsonAsync($"/api/v1/teams/{LastRelease.TeamWerk}/sessions", new { trackId = LastRelease.Storyboard });
        started.StatusCode.Should().Be(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        (await (await emmy.GetAsync($"/api/v1/teams/{LastRelease.TeamWerk}/sessions")).Json<JsonElement>()).GetArrayLength().Should().Be(2);

        var joined = await (await app.Beheerder()).PostAsJsonAsync($"/api/v1/teams/{LastRelease.TeamWerk}/members", new { name = "Lotte" });
        (await joined.Json<JsonElement>()).GetProperty("members").GetArrayLength().Should().Be(6);

        var pieter = await app.Pieter();
        var room = await (await pieter.GetAsync($"/api/v1/programmes/{LastRelease.Programme}")).Json<JsonElement>();
        var raised = await pieter.PostAsJsonAsync($"/api/v1/programmes/{LastRelease.Programme}/impediments", new
        {
            goalId = room.GetProperty("programme").GetProperty("tacticalGoals")[0].GetProperty("id").GetGuid(),
            text = "Geen budget voor extra intakes",
            owner = "Anna Jansen",
            expectedBy = "2026-12-18",
        });

        raised.IsSuccessStatusCode.Should().BeTrue(await raised.Content.ReadAsStringAsync());
        (await (await pieter.GetAsync($"/api/v1/programmes/{LastRelease.Programme}")).Json<JsonElement>())
            .GetProperty("programme").GetProperty("impediments").GetArrayLength().Should().Be(5);
    }

    [Fact]
    public async Task a_wall_screen_of_the_release_shows_its_boards_until_it_is_revoked()
    {
        // The release showed the link once, to whoever made the screen; the store keeps only its hash, and so does the
        // fixture. The TV's link is played here by a token of the test's own, its hash put where the release put its own.
        var token = Obeya.Web.WallScreens.WallTokens.New();
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("update mt_doc_wallscreen set data = jsonb_set(data, '{tokenHash}', to_jsonb($1)) where id = $2", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Obeya.Web.WallScreens.WallTokens.Hash(token) });
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = LastRelease.KeptWallScreen });
            (await command.ExecuteNonQueryAsync()).Should().Be(1);
        }

        var tv = app.CreateClient();
        var wall = await tv.GetAsync($"/wall/{token}");
        WebUtility.HtmlDecode(await wall.Content.ReadAsStringAsync()).Should().Contain("Scherm bij de koffie").And.Contain("Kwaliteit van het klantgesprek");
        wall.StatusCode.Should().Be(HttpStatusCode.OK);
        var programme = await tv.GetAsync($"/wall/{token}/boards/1");
        programme.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await programme.Content.ReadAsStringAsync()).Should().Contain("Inwoners ervaren één overheid");

        var emmy = await app.Emmy();
        var revoked = await emmy.PostAsync($"/api/v1/wall-screens/{LastRelease.KeptWallScreen}/revoke", null);

        revoked.StatusCode.Should().Be(HttpStatusCode.OK, await revoked.Content.ReadAsStringAsync());
        VersionedClient.VersionOf(revoked).Should().Be(2);
        (await tv.GetAsync($"/wall/{token}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var screens = await (await emmy.GetAsync($"/api/v1/teams/{LastRelease.TeamWerk}/wall-screens")).Json<JsonElement>();
        screens.EnumerateArray().Should().HaveCount(2).And.OnlyContain(s => s.GetProperty("revoked").GetBoolean());
    }

    [Fact]
    public async Task an_obstacle_of_an_old_board_escalated_and_resolved_today_leaves_the_board_at_its_stream_version()
    {
        var board = new OldBoard(await app.Emmy(), LastRelease.Learning);
        await board.Open();
        board.Version.Should().Be(6);
        var obstacle = (await (await board.Get("")).Json<JsonElement>()).GetProperty("obstacles")[0].GetProperty("id").GetGuid();

        var escalated = await board.Send(HttpMethod.Post, $"/obstacles/{obstacle}/escalation", new
        {
            programmeId = LastRelease.Programme,
            goalId = LastRelease.LearningGoal,
            owner = "Anna Jansen",
            expectedBy = "2026-12-18",
        });
        escalated.StatusCode.Should().Be(HttpStatusCode.Created, await escalated.Content.ReadAsStringAsync());
        board.Version.Should().Be(7);
        var impediment = (await escalated.Json<JsonElement>()).GetProperty("id").GetGuid();

        var resolved = await (await app.Pieter()).PostAsJsonAsync(
            $"/api/v1/programmes/{LastRelease.Programme}/impediments/{impediment}/resolved", new { resolution = "Een vaste vraag in het exitgesprek" });
        resolved.StatusCode.Should().Be(HttpStatusCode.OK, await resolved.Content.ReadAsStringAsync());

        await board.Open();
        board.Version.Should().Be(8, "the room's resolution is the board's eighth event");
        var changed = await board.Send(HttpMethod.Post, "/obstacles", new { text = "Exitgesprekken worden niet gepland" });
        changed.StatusCode.Should().Be(HttpStatusCode.Created, await changed.Content.ReadAsStringAsync());
        board.Version.Should().Be(9);
    }

    [Fact]
    public async Task an_account_the_release_locked_out_stays_locked_until_a_beheerder_unlocks_it()
    {
        var beheerder = await app.Beheerder();
        app.Clock.Reset(Instant.FromUtc(2026, 12, 1, 11, 0));
        try
        {
            (await app.Browser().SignIn("anouk@gemeente.example.nl", "Anouk-Nieuw-2026")).StatusCode.Should().Be(HttpStatusCode.BadRequest, "the release locked her out until 11:10");

            var unlocked = await beheerder.PostAsync($"/api/v1/accounts/{LastRelease.Anouk}/unlock", null);

            unlocked.StatusCode.Should().Be(HttpStatusCode.OK, await unlocked.Content.ReadAsStringAsync());
            (await app.Browser().SignIn("anouk@gemeente.example.nl", "Anouk-Nieuw-2026")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        }
        finally
        {
            app.Clock.Reset(LastReleaseApp.NextMorning);
        }
    }

    [Fact]
    public async Task seeding_the_demo_again_on_the_release_store_adds_nothing()
    {
        var before = await app.EventCount();

        await Obeya.Web.Demo.DemoData.SeedAsync(app.Store, app.Services.GetRequiredService<Obeya.Web.Infrastructure.Writes.Writer>(), app.Clock, CancellationToken.None);
        await Obeya.Web.Accounts.DemoAccounts.SeedAsync(app.Services, CancellationToken.None);

        (await app.EventCount()).Should().Be(before, "the release's demo team and accounts are there already");
    }

    /// <summary>A client of one of the release's boards: what it read goes out in If-Match.</summary>
    private sealed class OldBoard(HttpClient client, Guid trackId) : VersionedClient(client)
    {
        public override string Path => $"/api/v1/tracks/{trackId}";

        public async Task Open() => Version = VersionOf(await Get(""));

        public Task<HttpResponseMessage> Get(string relativePath) => Client.GetAsync(Path + relativePath);
    }
}
