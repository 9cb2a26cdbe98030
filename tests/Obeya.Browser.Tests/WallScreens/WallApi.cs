using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Obeya.Browser.Tests.WallScreens;

/// <summary>
/// The HTTP API as the team uses it around a wall screen: make one for the demo track, revoke it, and change the
/// board (with the version last read, as every track change must).
/// </summary>
public sealed class WallApi(string baseUrl) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = new Uri(baseUrl), DefaultRequestHeaders = { { "X-Obeya-Actor", "Emmy" } } };

    public async Task<(Guid TeamId, Guid TrackId, string Title)> DemoTrack()
    {
        var teams = await http.GetFromJsonAsync<JsonElement>("/api/v1/teams");
        var teamId = teams.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Team Werk").GetProperty("id").GetGuid();
        var track = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/teams/{teamId}/tracks")).EnumerateArray().First();
        return (teamId, track.GetProperty("id").GetGuid(), track.GetProperty("title").GetString()!);
    }

    /// <summary>A new wall screen for the demo track: its id and the path carrying its secret token.</summary>
    public async Task<(Guid Id, string Path)> CreateWallScreen(Guid teamId, Guid trackId)
    {
        var response = await http.PostAsJsonAsync($"/api/v1/teams/{teamId}/wall-screens", new { name = "Scherm teamkamer", trackIds = new[] { trackId } });
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(body);
        var created = JsonSerializer.Deserialize<JsonElement>(body);
        return (created.GetProperty("id").GetGuid(), created.GetProperty("path").GetString()!);
    }

    public async Task Revoke(Guid wallScreenId) =>
        (await http.PostAsync($"/api/v1/wall-screens/{wallScreenId}/revoke", null)).EnsureSuccessStatusCode();

    public async Task<string> FocusedObstacle(Guid trackId)
    {
        var track = await http.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{trackId}");
        var focused = track.GetProperty("focusedObstacleId").GetGuid();
        return track.GetProperty("obstacles").EnumerateArray().Single(o => o.GetProperty("id").GetGuid() == focused).GetProperty("text").GetString()!;
    }

    /// <summary>Rephrases the obstacle in focus against the version just read.</summary>
    public async Task RephraseFocusedObstacle(Guid trackId, string text)
    {
        var current = await http.GetAsync($"/api/v1/tracks/{trackId}");
        current.EnsureSuccessStatusCode();
        var track = await current.Content.ReadFromJsonAsync<JsonElement>();
        var focused = track.GetProperty("focusedObstacleId").GetGuid();
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tracks/{trackId}/obstacles/{focused}/text") { Content = JsonContent.Create(new { text }) };
        request.Headers.IfMatch.Add(current.Headers.ETag!);
        var response = await http.SendAsync(request);
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => http.Dispose();
}
