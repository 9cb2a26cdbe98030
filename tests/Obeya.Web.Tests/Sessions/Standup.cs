using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Obeya.Testing;

namespace Obeya.Web.Tests.Sessions;

/// <summary>
/// A client at a team's stand-up, as the board screen keeps it: a team with members Sander and Fatima and coach
/// Marieke, one session started, the version it last saw sent in If-Match and the ETag of every answer taken back.
/// </summary>
public sealed class Standup : VersionedClient
{
    private Standup(HttpClient client, Guid teamId, IReadOnlyDictionary<string, Guid> people)
        : base(client)
    {
        TeamId = teamId;
        People = people;
    }

    public Guid TeamId { get; }

    public IReadOnlyDictionary<string, Guid> People { get; }

    public Guid SessionId { get; private set; }

    public override string Path => $"/api/v1/sessions/{SessionId}";

    public string TeamPath => $"/api/v1/teams/{TeamId}/sessions";

    /// <summary>A new team (two members, one coach) with no session yet.</summary>
    public static async Task<Standup> TeamAsync(ObeyaApp app)
    {
        // Marieke, the coach, is at the board: she may change it and record her coaching conversation.
        var client = app.ClientFor("Marieke");
        var team = await (await client.PostAsJsonAsync("/api/v1/teams", new { name = Unique.Name("Team") })).Json<JsonElement>();
        var teamId = team.GetProperty("id").GetGuid();
        var people = new Dictionary<string, Guid>();
        foreach (var (name, role) in new[] { ("Sander", "members"), ("Fatima", "members"), ("Marieke", "coaches") })
        {
            people[name] = Guid.NewGuid();
            (await client.PostAsJsonAsync($"/api/v1/teams/{teamId}/{role}", new { name, id = people[name], email = ObeyaApp.EmailOf(name) }))
                .EnsureSuccessStatusCode();
        }

        return new Standup(client, teamId, people);
    }

    /// <summary>A new team with its session started.</summary>
    public static async Task<Standup> StartAsync(ObeyaApp app)
    {
        var standup = await TeamAsync(app);
        var started = await standup.Start();
        started.IsSuccessStatusCode.Should().BeTrue("the session starts ({0})", started.StatusCode);
        return standup;
    }

    /// <summary>Starts a session for the team; on success this stand-up follows the new session.</summary>
    public async Task<HttpResponseMessage> Start(object? body = null)
    {
        var response = await Client.PostAsJsonAsync(TeamPath, body ?? new { });
        if (response.IsSuccessStatusCode)
        {
            // Read as text, which the content keeps, so the caller can read the answer again.
            var session = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            SessionId = session.GetProperty("id").GetGuid();
            Version = VersionOf(response);
        }

        return response;
    }

    /// <summary>Posts a change to the session with the version last seen (or the given If-Match; "" sends none).</summary>
    public Task<HttpResponseMessage> Send(string relativePath, object? body = null, string? ifMatch = null, string? rawJson = null) =>
        Send(HttpMethod.Post, relativePath, body, ifMatch, rawJson);

    public async Task Mark(string person, bool present = true) =>
        await (await Send("/attendance", new { personId = People[person], present })).Json<JsonElement>();

    public async Task Coach(params (int Question, string Answer)[] answers) =>
        await (await Send("/coaching", new { coachId = People["Marieke"], answers = answers.Select(a => new { question = a.Question, answer = a.Answer }) })).Json<JsonElement>();

    public async Task End() => await (await Send("/end")).Json<JsonElement>();

    /// <summary>The session as stored; its ETag is its version.</summary>
    public async Task<JsonElement> Read()
    {
        var response = await Client.GetAsync(Path);
        var session = await response.Json<JsonElement>();
        VersionOf(response).Should().Be(session.GetProperty("version").GetInt64(), "the ETag is the session's version");
        return session;
    }

    public Task<HttpResponseMessage> Get(string path) => Client.GetAsync(path);
}
