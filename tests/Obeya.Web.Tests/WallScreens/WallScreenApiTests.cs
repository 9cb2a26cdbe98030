using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Obeya.Domain.WallScreens;
using Obeya.Testing;
using Obeya.Web.Tests.Tracks;
using Obeya.Web.WallScreens;

namespace Obeya.Web.Tests.WallScreens;

public class WallScreenApiTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    private readonly HttpClient client = app.ClientFor("Emmy");

    private static string PathOf(Guid teamId) => $"/api/v1/teams/{teamId}/wall-screens";

    private async Task<(Board Board, JsonElement Created)> AWallScreen(int? rotateSeconds = 60)
    {
        var board = await Board.StartAsync(app);
        var response = await client.PostAsJsonAsync(PathOf(board.TeamId), new { name = "Scherm teamkamer", trackIds = new[] { board.TrackId }, rotateSeconds });
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return (board, await response.Json<JsonElement>());
    }

    private async Task<WallScreen?> FindActive(string token)
    {
        await using var session = app.Store.QuerySession();
        return await WallScreenEndpoints.FindActiveByToken(session, token, CancellationToken.None);
    }

    /// <summary>The mt_ tables (events, streams, documents) whose rows, read as text, contain <paramref name="needle"/>.</summary>
    private async Task<IReadOnlyList<string>> TablesHolding(string needle)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<(string Schema, string Name)>();
        await using (var list = new NpgsqlCommand(
            "select table_schema, table_name from information_schema.tables where table_name like 'mt\\_%' and table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        tables.Should().Contain(t => t.Name == "mt_events", "the search must see the event table");
        var holding = new List<string>();
        foreach (var (schema, name) in tables)
        {
            await using var count = new NpgsqlCommand($"select count(*) from \"{schema}\".\"{name}\" t where strpos(t::text, @needle) > 0", connection);
            count.Parameters.AddWithValue("needle", needle);
            if ((long)(await count.ExecuteScalarAsync())! > 0)
            {
                holding.Add(name);
            }
        }

        return holding;
    }

    [Fact]
    public async Task a_new_wall_screen_answers_its_secret_link_once_and_the_link_opens_it()
    {
        var (board, created) = await AWallScreen();

        var token = created.GetProperty("token").GetString()!;
        token.Should().MatchRegex("^[A-Za-z0-9_-]{43}$", "32 random bytes as base64url without padding");
        created.GetProperty("path").GetString().Should().Be($"/wall/{token}");
        created.GetProperty("name").GetString().Should().Be("Scherm teamkamer");
        created.GetProperty("rotateSeconds").GetInt32().Should().Be(60);
        var shown = created.GetProperty("boards").EnumerateArray().Single();
        shown.GetProperty("kind").GetString().Should().Be("track");
        shown.GetProperty("id").GetGuid().Should().Be(board.TrackId);

        var screen = await FindActive(token);
        screen.Should().NotBeNull();
        screen!.Id.Should().Be(created.GetProperty("id").GetGuid());
        screen.TeamId.Should().Be(board.TeamId);
        screen.Boards.Select(b => b.Id).Should().Equal(board.TrackId);
        screen.CreatedAt.Should().Be(ObeyaApp.Start);
    }

    [Fact]
    public async Task the_token_is_stored_nowhere_only_its_hash()
    {
        var (_, created) = await AWallScreen();
        var token = created.GetProperty("token").GetString()!;

        (await TablesHolding(token)).Should().BeEmpty();
        (await TablesHolding(WallTokens.Hash(token))).Should().Contain("mt_events").And.Contain(t => t.StartsWith("mt_doc_wallscreen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task the_teams_list_shows_its_wall_screens_without_tokens_or_their_hashes()
    {
        var (board, created) = await AWallScreen(rotateSeconds: null);
        var token = created.GetProperty("token").GetString()!;
        await AWallScreen(); // another team's screen stays off this list

        var response = await client.GetAsync(PathOf(board.TeamId));
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.Should().NotContain(token).And.NotContain(WallTokens.Hash(token));
        var screen = JsonSerializer.Deserialize<JsonElement>(body).EnumerateArray().Single();
        screen.GetProperty("id").GetGuid().Should().Be(created.GetProperty("id").GetGuid());
        screen.GetProperty("name").GetString().Should().Be("Scherm teamkamer");
        screen.GetProperty("revoked").GetBoolean().Should().BeFalse();
        screen.GetProperty("rotateSeconds").ValueKind.Should().Be(JsonValueKind.Null);
        screen.TryGetProperty("token", out _).Should().BeFalse();
        screen.TryGetProperty("tokenHash", out _).Should().BeFalse();
    }

    [Fact]
    public async Task a_revoked_wall_screen_no_longer_opens_and_is_revoked_only_once()
    {
        var (board, created) = await AWallScreen();
        var id = created.GetProperty("id").GetGuid();
        var token = created.GetProperty("token").GetString()!;
        app.Clock.Advance(NodaTime.Duration.FromMinutes(5));

        var revoked = await (await client.PostAsync($"/api/v1/wall-screens/{id}/revoke", null)).Json<JsonElement>();

        revoked.GetProperty("revoked").GetBoolean().Should().BeTrue();
        revoked.GetProperty("revokedAt").GetString().Should().NotBeNull();
        revoked.TryGetProperty("token", out _).Should().BeFalse();
        (await FindActive(token)).Should().BeNull();
        var listed = await (await client.GetAsync(PathOf(board.TeamId))).Json<JsonElement>();
        listed.EnumerateArray().Single().GetProperty("revoked").GetBoolean().Should().BeTrue("a revoked screen stays in the team's history");

        var before = await app.EventCount();
        await (await client.PostAsync($"/api/v1/wall-screens/{id}/revoke", null)).ShouldBeProblem(HttpStatusCode.Conflict, "wallScreenId");
        (await app.EventCount()).Should().Be(before);
    }

    [Theory]
    [InlineData("")]
    [InlineData("kort")]
    [InlineData("../../../../etc/passwd")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task an_unknown_or_malformed_token_opens_nothing(string token) =>
        (await FindActive(token)).Should().BeNull();

    [Fact]
    public async Task a_token_with_one_character_changed_opens_nothing()
    {
        var (_, created) = await AWallScreen();
        var token = created.GetProperty("token").GetString()!;

        (await FindActive((token[0] == 'A' ? "B" : "A") + token[1..])).Should().BeNull();
    }

    [Fact]
    public async Task a_track_of_another_team_is_refused_and_nothing_is_stored()
    {
        var ours = await Board.StartAsync(app);
        var theirs = await Board.StartAsync(app);
        var before = await app.EventCount();

        var response = await client.PostAsJsonAsync(PathOf(ours.TeamId), new { name = "Scherm", trackIds = new[] { ours.TrackId, theirs.TrackId } });

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, "trackIds");
        (await app.EventCount()).Should().Be(before);
    }

    public static TheoryData<string, string> BadScreens => new()
    {
        { """{"name": "Scherm", "trackIds": []}""", "trackIds" },
        { """{"name": "Scherm"}""", "trackIds" },
        { """{"name": "Scherm", "trackIds": null}""", "trackIds" },
        { """{"name": "Scherm", "trackIds": ["TRACK"], "rotateSeconds": 9}""", "rotateSeconds" },
        { """{"name": "Scherm", "trackIds": ["TRACK"], "rotateSeconds": 3601}""", "rotateSeconds" },
        { """{"name": "Scherm", "trackIds": ["TRACK"], "rotateSeconds": "vaak"}""", "rotateSeconds" },
        { """{"trackIds": ["TRACK"]}""", "name" },
        { """{"name": " ", "trackIds": ["TRACK"]}""", "name" },
        { """{"name": "Scherm voor 123456782", "trackIds": ["TRACK"]}""", "name" },
        { """{"name": "Scherm", "trackIds": ["TRACK", "TRACK"]}""", "trackIds" },
        { """{"name": "Scherm", "trackIds": ["geen id"]}""", "trackIds[0]" },
    };

    [Theory]
    [MemberData(nameof(BadScreens))]
    public async Task a_bad_wall_screen_is_refused_with_a_problem_naming_the_field_and_nothing_is_stored(string json, string field)
    {
        var board = await Board.StartAsync(app);
        var before = await app.EventCount();

        var response = await client.PostAsync(
            PathOf(board.TeamId), new StringContent(json.Replace("TRACK", board.TrackId.ToString(), StringComparison.Ordinal), Encoding.UTF8, "application/json"));

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, field);
        (await app.EventCount()).Should().Be(before);
    }

    [Fact]
    public async Task a_wall_screen_is_made_only_by_someone_signed_in()
    {
        var board = await Board.StartAsync(app);
        var before = await app.EventCount();

        var response = await app.CreateClient().PostAsJsonAsync(PathOf(board.TeamId), new { name = "Scherm", trackIds = new[] { board.TrackId } });

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, "access");
        (await app.EventCount()).Should().Be(before);
    }

    [Fact]
    public async Task an_unknown_team_or_wall_screen_is_a_404_problem()
    {
        var before = await app.EventCount();

        await (await client.PostAsJsonAsync(PathOf(Guid.NewGuid()), new { name = "Scherm", trackIds = new[] { Guid.NewGuid() } }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "teamId");
        await (await client.GetAsync(PathOf(Guid.NewGuid()))).ShouldBeProblem(HttpStatusCode.NotFound, "teamId");
        await (await client.PostAsync($"/api/v1/wall-screens/{Guid.NewGuid()}/revoke", null)).ShouldBeProblem(HttpStatusCode.NotFound, "wallScreenId");
        (await app.EventCount()).Should().Be(before);
    }
}
