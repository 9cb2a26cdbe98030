using System.Collections.Concurrent;
using Marten;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Obeya.Domain.Tracks;
using Obeya.Testing;
using Obeya.Web.Infrastructure;
using Obeya.Web.Live;
using Obeya.Web.Tests.Tracks;

namespace Obeya.Web.Tests.Live;

public class LiveChannelTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    private async Task<(HubConnection Hub, ConcurrentQueue<BoardChange> Received)> Watcher(string board)
    {
        var received = new ConcurrentQueue<BoardChange>();
        // Signed in as Emmy, who coaches every team Board sets up: she may read its boards.
        var hub = TestHub.Connection(app, cookie: await app.CookieOf("Emmy", Obeya.Domain.Accounts.GlobalRole.Administrator));
        hub.On<BoardChange>("changed", received.Enqueue);
        await hub.StartAsync();
        await hub.InvokeAsync("Join", board);
        return (hub, received);
    }

    [Fact]
    public async Task committed_changes_reach_a_joined_board_in_order_with_sequence_and_version()
    {
        var board = await Board.StartAsync(app);
        var (hub, received) = await Watcher(Boards.Track(board.TrackId));
        await using var _ = hub;

        var obstacle = await board.Do("/obstacles", new { text = "Terugmeldingen zonder reden" });
        await board.Do($"/obstacles/{obstacle}/focus");
        (await board.Put($"/obstacles/{obstacle}/text", new { text = "Terugmeldingen zonder opgegeven reden" })).EnsureSuccessStatusCode();

        await Eventually.Holds(() => received.Count == 3);
        var changes = received.ToList();
        changes.Select(c => c.Version).Should().Equal(2, 3, 4);
        changes.Select(c => c.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        changes.Select(c => c.Type).Should().Equal(nameof(ObstacleAdded), nameof(ObstacleFocused), nameof(ObstacleRephrased));
        changes[0].By.Should().Be("Emmy");
        changes[1].ReadEvent(Json()).Should().BeOfType<ObstacleFocused>().Which.ObstacleId.Should().Be(obstacle);
    }

    [Fact]
    public async Task a_refused_change_pushes_nothing_and_other_boards_hear_nothing()
    {
        var board = await Board.StartAsync(app);
        var other = await Board.StartAsync(app);
        var alsoWatched = await Board.StartAsync(app);
        var (hub, received) = await Watcher(Boards.Track(board.TrackId));
        await using var _ = hub;
        await hub.InvokeAsync("Join", Boards.Track(alsoWatched.TrackId));

        await (await board.Post("/obstacles", new { text = "" })).ShouldBeProblem(System.Net.HttpStatusCode.BadRequest, "text");
        await other.Do("/obstacles", new { text = "Op een ander bord" });
        // Messages to one connection arrive in the order sent: once this later change is here, anything sent before it is too.
        var later = await alsoWatched.Do("/obstacles", new { text = "Op het andere bord dat dit scherm toont" });
        await Eventually.Holds(() => !received.IsEmpty);

        var first = received.Should().ContainSingle("neither the refusal nor the unwatched board sent anything before it").Subject;
        (first.StreamId, first.Version).Should().Be((alsoWatched.TrackId, 2L));
        ((ObstacleAdded)first.ReadEvent(Json())).ObstacleId.Should().Be(later);

        await board.Do("/obstacles", new { text = "Wel op dit bord" });
        await Eventually.Holds(() => received.Count == 2);
        var change = received.Last();
        (change.StreamId, change.Version).Should().Be((board.TrackId, 2L), "the refused change left the board at version 1");
        ((ObstacleAdded)change.ReadEvent(Json())).Text.Should().Be("Wel op dit bord");
    }

    [Fact]
    public async Task a_board_that_missed_changes_gets_them_in_order_since_its_last_sequence()
    {
        var board = await Board.StartAsync(app);
        var (hub, received) = await Watcher(Boards.Track(board.TrackId));
        await using var _ = hub;
        await board.Do("/obstacles", new { text = "Eerste" });
        await Eventually.Holds(() => received.Count == 1);
        var lastSeen = received.Single().Sequence;

        await board.Do("/obstacles", new { text = "Tweede" });
        await board.Do("/obstacles", new { text = "Derde" });
        var catchUp = await hub.InvokeAsync<CatchUp>("Since", Boards.Track(board.TrackId), lastSeen);

        catchUp.Reload.Should().BeFalse();
        catchUp.Changes.Select(c => c.Version).Should().Equal(3, 4);
        catchUp.Changes.Select(c => ((ObstacleAdded)c.ReadEvent(Json())).Text).Should().Equal("Tweede", "Derde");
    }

    [Fact]
    public async Task a_gap_too_old_to_replay_asks_for_a_reload()
    {
        var board = await Board.StartAsync(app);
        var (hub, _) = await Watcher(Boards.Track(board.TrackId));
        await using var __ = hub;
        await using (var session = app.Store.LightweightSession())
        {
            var now = app.Clock.GetCurrentInstant();
            session.Events.Append(board.TrackId, Enumerable.Range(0, CatchUp.MaxChanges + 1)
                .Select(i => (object)new ObstacleAdded(board.TrackId, Guid.NewGuid(), $"Obstakel {i}", "Emmy", now)));
            await session.SaveChangesAsync();
        }

        var catchUp = await hub.InvokeAsync<CatchUp>("Since", Boards.Track(board.TrackId), 0L);

        catchUp.Reload.Should().BeTrue();
        catchUp.Changes.Should().BeEmpty();
    }

    [Fact]
    public async Task an_unknown_board_cannot_be_joined()
    {
        var board = await Board.StartAsync(app);
        var (hub, _) = await Watcher(Boards.Track(board.TrackId));
        await using var _ = hub;

        var act = () => hub.InvokeAsync("Join", "kantine:tv");

        await act.Should().ThrowAsync<HubException>().WithMessage("*Onbekend bord*");
    }

    private static System.Text.Json.JsonSerializerOptions Json()
    {
        var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        ObeyaApi.Configure(options);
        return options;
    }
}

/// <summary>The Obeya hears that a team's track changed, not what: a stranger to the team learns nothing of its board.</summary>
public class ObeyaNudgeTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    [Fact]
    public async Task anyone_signed_in_hears_that_a_track_changed_but_not_what()
    {
        var board = await Board.StartAsync(app);
        var received = new ConcurrentQueue<BoardChange>();
        await using var stranger = TestHub.Connection(app, cookie: await app.CookieOf("Vreemde"));
        stranger.On<BoardChange>("changed", received.Enqueue);
        await stranger.StartAsync();

        await stranger.InvokeAsync("Join", Boards.Obeya(board.TrackId));
        var joinTrack = () => stranger.InvokeAsync("Join", Boards.Track(board.TrackId));
        await joinTrack.Should().ThrowAsync<HubException>();
        await board.Do("/obstacles", new { text = "Geheim voor buitenstaanders" });
        // A second change that must reach the stranger as a nudge: whatever the first sent is here once this is.
        await board.Do("/obstacles", new { text = "Nog een geheim" });

        for (var i = 0; i < 200 && received.Count < 2; i++)
        {
            await Task.Delay(25);
        }

        received.Should().HaveCount(2).And.OnlyContain(n => n.Board == Boards.Obeya(board.TrackId), "the refused join sends the track's own changes nowhere");
        received.Select(n => n.Version).Should().Equal(2, 3);
        var nudge = received.First();
        nudge.StreamId.Should().Be(board.TrackId);
        (nudge.Type, nudge.By).Should().Be(("", ""));
        received.Should().OnlyContain(n => !n.Data.ToString()!.Contains("geheim", StringComparison.OrdinalIgnoreCase));
    }
}
