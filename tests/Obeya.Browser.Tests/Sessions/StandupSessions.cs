using System.Text.Json;

namespace Obeya.Browser.Tests.Sessions;

/// <summary>Team Werk's sessions set up through the API, for tests that look at a session's screens rather than hold it.</summary>
public static class StandupSessions
{
    public static async Task<Guid> PersonId(DemoApi api, Guid teamId, string name)
    {
        var team = await api.Get($"/api/v1/teams/{teamId}");
        return team.GetProperty("members").EnumerateArray().Concat(team.GetProperty("coaches").EnumerateArray())
            .First(p => p.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    /// <summary>A session of the team, started now (an open one left by another test is ended first).</summary>
    public static async Task<(Guid Id, long Version)> Start(DemoApi api, Guid teamId, Guid? trackId = null)
    {
        await EndOpen(api, teamId);
        var started = await api.Post($"/api/v1/teams/{teamId}/sessions", trackId is { } track ? new { trackId = track } : new { });
        return (started.GetProperty("id").GetGuid(), started.GetProperty("version").GetInt64());
    }

    /// <summary>Ends the session another test left running, so a test starts from the start screen.</summary>
    public static async Task EndOpen(DemoApi api, Guid teamId)
    {
        var open = await api.Http.GetAsync($"/api/v1/teams/{teamId}/sessions/open");
        if (open.IsSuccessStatusCode)
        {
            var running = JsonSerializer.Deserialize<JsonElement>(await open.Content.ReadAsStringAsync());
            var id = running.GetProperty("id").GetGuid();
            var version = running.GetProperty("version").GetInt64();
            if (running.GetProperty("attendance").EnumerateArray().All(a => !a.GetProperty("present").GetBoolean()))
            {
                version = (await Send(api, id, version, "/attendance", new { personId = await PersonId(api, teamId, "Emmy"), present = true })).Version;
            }

            await Send(api, id, version, "/end", new { });
        }
    }

    public static async Task<(Guid Id, long Version)> Send(DemoApi api, Guid sessionId, long version, string relativePath, object body)
    {
        var answer = await api.Post($"/api/v1/sessions/{sessionId}{relativePath}", body, $"\"{version}\"");
        return (sessionId, answer.GetProperty("version").GetInt64());
    }
}
