using System.Net.Http.Json;
using System.Text.Json;
using Obeya.Testing;

namespace Obeya.Web.Tests.Tracks;

/// <summary>
/// A client's view of one track, as a board screen keeps it: the version it last saw goes out in If-Match,
/// the ETag of every answer comes back in. Creates its own team (with members, and Emmy, who acts, as its coach) and track.
/// </summary>
public sealed class Board : VersionedClient
{
    private Board(HttpClient client, Guid teamId, Guid trackId, long version, IReadOnlyDictionary<string, Guid> members)
        : base(client)
    {
        TeamId = teamId;
        TrackId = trackId;
        Version = version;
        Members = members;
    }

    public Guid TeamId { get; }

    public Guid TrackId { get; }

    public IReadOnlyDictionary<string, Guid> Members { get; }

    public override string Path => $"/api/v1/tracks/{TrackId}";

    public static async Task<Board> StartAsync(ObeyaApp app, params string[] memberNames)
    {
        var client = app.ClientFor("Emmy");
        var team = await (await client.PostAsJsonAsync("/api/v1/teams", new { name = Unique.Name("Team") })).Json<JsonElement>();
        var teamId = team.GetProperty("id").GetGuid();
        await client.JoinAsCoach(teamId, "Emmy");
        var members = new Dictionary<string, Guid>();
        foreach (var name in memberNames.DefaultIfEmpty("Sander"))
        {
            var updated = await (await client.PostAsJsonAsync($"/api/v1/teams/{teamId}/members", new { name, email = ObeyaApp.EmailOf(name) })).Json<JsonElement>();
            members[name] = updated.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
        }

        var started = await client.PostAsJsonAsync($"/api/v1/teams/{teamId}/tracks", new
        {
            title = "Kwaliteit van het klantgesprek",
            challenge = "Over een jaar ervaart 80% van de klanten het gesprek als helpend",
        });
        var track = await started.Json<JsonElement>();
        return new Board(client, teamId, track.GetProperty("id").GetGuid(), VersionOf(started), members);
    }

    public Task<HttpResponseMessage> Post(string relativePath, object? body = null) => Send(HttpMethod.Post, relativePath, body);

    public Task<HttpResponseMessage> Put(string relativePath, object body) => Send(HttpMethod.Put, relativePath, body);

    /// <summary>Posts and returns the id of what was made or changed.</summary>
    public async Task<Guid> Do(string relativePath, object? body = null)
    {
        var result = await (await Post(relativePath, body)).Json<JsonElement>();
        return result.GetProperty("id").GetGuid();
    }

    public async Task<JsonElement> Read(string query = "")
    {
        var response = await Client.GetAsync(Path + query);
        var board = await response.Json<JsonElement>();
        if (query.Length == 0)
        {
            VersionOf(response).Should().Be(board.GetProperty("version").GetInt64(), "the ETag is the board's version");
        }

        return board;
    }

    /// <summary>Reads the board again and takes its version, as a screen does after someone else changed it.</summary>
    public async Task<JsonElement> Refresh()
    {
        var board = await Read();
        Version = board.GetProperty("version").GetInt64();
        return board;
    }

    public async Task<JsonElement> History() => await (await Client.GetAsync(Path + "/history")).Json<JsonElement>();
}
