using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Obeya.Browser.Tests;

/// <summary>
/// The HTTP API of the server under test, as a colleague at a desk uses it: the demo team's track, and changes
/// sent with the version last seen, so a browser test can change a board from outside the browser.
/// </summary>
public sealed class DemoApi(string baseUrl) : IDisposable
{
    private readonly HttpClient http = Client(baseUrl);

    public async Task<Guid> DemoTrackId()
    {
        var teams = await http.GetFromJsonAsync<JsonElement>("/api/v1/teams");
        var team = teams.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Team Werk");
        var tracks = await http.GetFromJsonAsync<JsonElement>($"/api/v1/teams/{team.GetProperty("id").GetGuid()}/tracks");
        return tracks.EnumerateArray().First().GetProperty("id").GetGuid();
    }

    public async Task<JsonElement> Track(Guid trackId) => await http.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{trackId}");

    /// <summary>Sends one change to the track against its current version; fails the test when it is refused.</summary>
    public async Task Change(Guid trackId, HttpMethod method, string relativePath, object? body = null)
    {
        var current = await http.GetAsync($"/api/v1/tracks/{trackId}");
        current.EnsureSuccessStatusCode();
        var request = new HttpRequestMessage(method, $"/api/v1/tracks/{trackId}{relativePath}")
        {
            Content = body is null ? null : JsonContent.Create(body),
        };
        request.Headers.IfMatch.Add(current.Headers.ETag!);
        var response = await http.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(answer);
    }

    public void Dispose() => http.Dispose();

    private static HttpClient Client(string baseUrl)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Add("X-Obeya-Actor", "Fatima");
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }
}
