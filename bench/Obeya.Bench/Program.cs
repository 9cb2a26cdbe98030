using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using NodaTime;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Obeya.Bench;
using Obeya.Web;

// Starts Obeya in-process on its embedded default (a fresh data folder, fsync on) and prints figures as JSON.
// Never a test: targets are compared by people, in the README and the issues' closing notes.
var dataDirectory = Path.Combine(Path.GetTempPath(), "obeya-bench", Guid.NewGuid().ToString("N")[..12], "pg");
var startWatch = Stopwatch.StartNew();
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = ["--urls", "http://127.0.0.1:0", "--Obeya:DataDirectory", dataDirectory, "--Obeya:Demo", "false", "--Logging:LogLevel:Default", "Warning"],
    ApplicationName = "Obeya.Web",
});
builder.AddObeya();
await using var app = builder.Build();
app.MapObeya();
await app.StartAsync();
var firstStart = startWatch.Elapsed;

var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
http.DefaultRequestHeaders.Add("X-Obeya-Actor", "bench");
var store = app.Services.GetRequiredService<IDocumentStore>();
var clock = app.Services.GetRequiredService<IClock>();

var team = await (await http.PostAsJsonAsync("/api/v1/teams", new { name = "Bench" })).Content.ReadFromJsonAsync<JsonElement>();
var teamId = team.GetProperty("id").GetGuid();
(await http.PostAsJsonAsync($"/api/v1/teams/{teamId}/members", new { name = "Emmy" })).EnsureSuccessStatusCode();
var newTrack = await StartTrack(http, teamId, "Nieuw");
var bigTrack = await StartTrack(http, teamId, "Half jaar");
var bigTrackEvents = await Workloads.GrowTrack(store, clock, bigTrack, targetEventCount: 2000);

var figures = new
{
    machine = new { cores = Environment.ProcessorCount, os = Environment.OSVersion.ToString(), dotnet = Environment.Version.ToString() },
    startupOnEmbeddedDefaultMs = Math.Round(firstStart.TotalMilliseconds),
    storyboardLoad = new
    {
        newTrack = await Workloads.TimeGets(http, $"/api/v1/tracks/{newTrack}", warmUp: 20, count: 300),
        track2000Events = new
        {
            events = bigTrackEvents,
            documentBytes = (await http.GetByteArrayAsync($"/api/v1/tracks/{bigTrack}")).Length,
            latency = await Workloads.TimeGets(http, $"/api/v1/tracks/{bigTrack}", warmUp: 20, count: 300),
        },
    },
};
Console.WriteLine(JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
await app.StopAsync();
Directory.Delete(Path.GetDirectoryName(dataDirectory)!, recursive: true);

static async Task<Guid> StartTrack(HttpClient http, Guid teamId, string title)
{
    var response = await http.PostAsJsonAsync($"/api/v1/teams/{teamId}/tracks", new { title, challenge = "Over een jaar helpt elk klantgesprek" });
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
}
