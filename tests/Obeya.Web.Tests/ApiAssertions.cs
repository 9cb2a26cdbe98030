using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Obeya.Testing;

namespace Obeya.Web.Tests;

/// <summary>What every API test checks about a refusal: its status, its problem details, and an untouched store.</summary>
public static class ApiAssertions
{
    public static async Task<JsonElement> ShouldBeProblem(this HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        problem.GetProperty("title").GetString().Should().NotBeNullOrWhiteSpace();
        if (field is not null)
        {
            problem.GetProperty("errors").TryGetProperty(field, out var messages).Should().BeTrue($"the problem should name '{field}': {body}");
            messages[0].GetString().Should().NotBeNullOrWhiteSpace();
        }

        return problem;
    }

    /// <summary>
    /// The events stored, without Marten's tombstones: an append refused by a unique index (the second of two starts
    /// at once) leaves one to close the gap in the event sequence, which is the store's bookkeeping, not a change.
    /// </summary>
    public static async Task<long> EventCount(this ObeyaApp app)
    {
        await using var session = app.Store.QuerySession();
        return await session.Events.QueryAllRawEvents().Where(e => e.EventTypeName != "tombstone").CountAsync();
    }

    /// <summary>Lists the signed-in test person as coach of the team, so they may change its boards (as a coach may).</summary>
    public static async Task JoinAsCoach(this HttpClient client, Guid teamId, string name)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/teams/{teamId}/coaches", new { name, email = ObeyaApp.EmailOf(name) });
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
    }

    public static async Task<T> Json<T>(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(body);
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}
