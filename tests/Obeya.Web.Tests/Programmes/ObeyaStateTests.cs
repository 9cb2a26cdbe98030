using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Obeya.Domain.Accounts;
using Obeya.Domain.Tracks;
using Obeya.Testing;
using Obeya.Web.Live;
using Obeya.Web.Programmes;
using Obeya.Web.Tests.Tracks;

namespace Obeya.Web.Tests.Programmes;

/// <summary>What an open Obeya view costs: one reload for a burst of changes below it, and nothing once it is closed.</summary>
public class ObeyaStateTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    private async Task<(Guid Programme, Board Board)> AProgrammeWithATrack()
    {
        var director = app.ClientAs("Pieter", GlobalRole.ProgrammeDirector);
        var board = await Board.StartAsync(app);
        var programme = (await (await director.PostAsJsonAsync("/api/v1/programmes", new { name = Unique.Name("Programma") })).Json<JsonElement>()).GetProperty("id").GetGuid();
        var strategic = Guid.NewGuid();
        var tactical = Guid.NewGuid();
        (await director.PostAsJsonAsync($"/api/v1/programmes/{programme}/transition-goals", new { id = strategic, result = "Doel", owner = "Pieter", horizon = "2027-12-31" })).EnsureSuccessStatusCode();
        (await director.PostAsJsonAsync($"/api/v1/programmes/{programme}/tactical-goals", new { id = tactical, transitionGoalId = strategic, result = "Sub", owner = "Anna", due = "2027-06-30" })).EnsureSuccessStatusCode();
        (await director.PostAsJsonAsync($"/api/v1/programmes/{programme}/tactical-goals/{tactical}/tracks", new { trackId = board.TrackId })).EnsureSuccessStatusCode();
        return (programme, board);
    }

    [Fact]
    public async Task a_burst_of_changes_below_an_open_view_costs_one_reload()
    {
        var (programme, board) = await AProgrammeWithATrack();
        await using var scope = app.Services.CreateAsyncScope();
        var state = scope.ServiceProvider.GetRequiredService<ObeyaState>();
        var feed = app.Services.GetRequiredService<LiveFeed>();
        await state.Open(programme);
        var heard = 0;
        using var counting = feed.Watch(Boards.Obeya(board.TrackId), _ => { Interlocked.Increment(ref heard); return Task.CompletedTask; });

        // Fifty changes of the track, committed and published as fast as the store takes them.
        for (var i = 0; i < 50; i++)
        {
            feed.Publish(new BoardChange(Boards.Obeya(board.TrackId), 1000 + i, board.TrackId, 2 + i, "", new { }, app.Clock.GetCurrentInstant(), ""));
        }

        // Once every change was heard and no reload is pending, no further reload can come: exactly one happened.
        await Eventually.Holds(() => Volatile.Read(ref heard) == 50 && state.Reloads >= 1 && !state.ReloadPending);
        state.Reloads.Should().Be(1);
    }

    [Fact]
    public async Task a_closed_view_watches_nothing_any_more()
    {
        var (programme, board) = await AProgrammeWithATrack();
        var feed = app.Services.GetRequiredService<LiveFeed>();
        await using var scope = app.Services.CreateAsyncScope();
        var state = scope.ServiceProvider.GetRequiredService<ObeyaState>();

        var lease = await state.Open(programme);
        feed.WatchersOf(Boards.Obeya(board.TrackId)).Should().Be(1);
        feed.WatchersOf(Boards.Programme(programme)).Should().Be(1);

        state.Close(lease);

        feed.WatchersOf(Boards.Obeya(board.TrackId)).Should().Be(0);
        feed.WatchersOf(Boards.Programme(programme)).Should().Be(0);
    }
}
