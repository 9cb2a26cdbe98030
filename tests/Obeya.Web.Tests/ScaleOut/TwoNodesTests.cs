using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Obeya.Domain.Tracks;
using Obeya.Testing;
using Obeya.Web.Live;
using Obeya.Web.Tests.Live;
using Obeya.Web.Tests.Tracks;
using StackExchange.Redis;

namespace Obeya.Web.Tests.ScaleOut;

/// <summary>Two nodes on one PostgreSQL and one Redis (issue 14).</summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public TestRedis Redis { get; private set; } = null!;

    public ObeyaNode A { get; private set; } = null!;

    public ObeyaNode B { get; private set; } = null!;

    public string Prefix { get; } = $"t{Guid.NewGuid():N}"[..12];

    public async Task InitializeAsync()
    {
        Redis = await TestRedis.StartAsync();
        var database = await TestDatabase.CreateAsync(nameof(TwoNodes));
        (A, B) = (new ObeyaNode(database, Redis.ConnectionString, Prefix), new ObeyaNode(database, Redis.ConnectionString, Prefix));
        await A.InitializeAsync();
        await B.InitializeAsync();
        _ = A.Server;
        _ = B.Server;
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

public sealed class TwoNodesTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task a_change_written_through_node_a_reaches_a_screen_and_a_hub_client_on_node_b()
    {
        var board = await Board.StartAsync(nodes.A);
        var (onScreen, screen) = ScreenOnB(board);
        using var _ = screen;
        var onHub = new ConcurrentQueue<BoardChange>();
        await using var hub = await HubOnB(board, h => h.On<BoardChange>("changed", onHub.Enqueue));

        var obstacle = await board.Do("/obstacles", new { text = "Terugmeldingen zonder reden" });
        await board.Do($"/obstacles/{obstacle}/focus");

        // The track's start may still be on its way to B when the screen begins to watch: what follows is what counts.
        IEnumerable<BoardChange> Obstacles(IEnumerable<BoardChange> changes) => changes.Where(c => c.Version > 1);
        await Eventually.Holds(() => Obstacles(onScreen).Count() == 2 && Obstacles(onHub).Count() == 2);
        Obstacles(onScreen).Select(c => c.Data.GetType()).Should().Equal(typeof(ObstacleAdded), typeof(ObstacleFocused));
        Obstacles(onScreen).Select(c => c.Version).Should().Equal(2, 3);
        Obstacles(onHub).Select(c => (c.Type, c.Version)).Should().Equal(("ObstacleAdded", 2L), ("ObstacleFocused", 3L));
        // Once each: the hub's connections on B hear A's send through the backplane, B does not send it again.
        await Task.Delay(300);
        Obstacles(onHub).Should().HaveCount(2);
    }

    [Fact]
    public async Task a_sign_in_on_node_a_holds_on_node_b_with_the_keys_kept_in_redis()
    {
        var cookie = await nodes.A.CookieOf("Fatima");
        using var onB = nodes.B.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me/steps");
        request.Headers.Add("Cookie", cookie);

        (await onB.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(nodes.Redis.ConnectionString);
        (await redis.GetDatabase().ListLengthAsync($"{nodes.Prefix}:{Obeya.Web.Live.ScaleOut.KeysKey}")).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task without_redis_a_node_says_it_is_degraded_and_keeps_writing_and_when_redis_is_back_it_is_healthy_again()
    {
        using var probe = nodes.B.CreateClient();
        (await probe.GetStringAsync("/health/ready")).Should().Be("Healthy");

        await nodes.Redis.StopAsync();
        try
        {
            await EventuallyAsync(async () => (await probe.GetStringAsync("/health/ready")).StartsWith("Degraded: Redis is niet bereikbaar", StringComparison.Ordinal));
            var board = await Board.StartAsync(nodes.B);
            (await board.Post("/obstacles", new { text = "Geschreven zonder Redis" })).StatusCode.Should().Be(HttpStatusCode.Created);
        }
        finally
        {
            await nodes.Redis.StartAgainAsync();
        }

        await EventuallyAsync(async () => await probe.GetStringAsync("/health/ready") == "Healthy");
    }

    [Fact]
    public async Task a_change_made_while_redis_is_away_reaches_the_other_nodes_screens_when_it_is_back()
    {
        var board = await Board.StartAsync(nodes.A);
        var (onScreen, screen) = ScreenOnB(board);
        using var _ = screen;
        var resyncs = 0;
        await using var hub = await HubOnB(board, h => h.On(NodeRelay.Resync, () => Interlocked.Increment(ref resyncs)));
        using var probe = nodes.B.CreateClient();

        await nodes.Redis.StopAsync();
        try
        {
            await EventuallyAsync(async () => (await probe.GetStringAsync("/health/ready")).StartsWith("Degraded", StringComparison.Ordinal));
            await board.Do("/obstacles", new { text = "Geschreven terwijl Redis weg was" });
            await Task.Delay(200);
            // The track's start may have reached B just before Redis went: the obstacle is what must wait for Redis.
            onScreen.Where(c => c.Version > 1).Should().BeEmpty("nothing crosses between the nodes while Redis is away");
        }
        finally
        {
            await nodes.Redis.StartAgainAsync();
        }

        await Eventually.Holds(() => onScreen.Any(c => c.Data is ObstacleAdded { Text: "Geschreven terwijl Redis weg was" }) && resyncs > 0,
            "the change made meanwhile on B's screen, and the hub's connections told to catch up");
    }

    /// <summary>A storyboard's screen on node B: what the feed there hands it of the board.</summary>
    private (ConcurrentQueue<BoardChange> Heard, IDisposable Watching) ScreenOnB(Board board)
    {
        var heard = new ConcurrentQueue<BoardChange>();
        var watching = nodes.B.Services.GetRequiredService<LiveFeed>().Watch(Boards.Track(board.TrackId), change =>
        {
            heard.Enqueue(change);
            return Task.CompletedTask;
        });
        return (heard, watching);
    }

    /// <summary>A hub client on node B joined to the board, listening as <paramref name="listen"/> says.</summary>
    private async Task<HubConnection> HubOnB(Board board, Action<HubConnection> listen)
    {
        var hub = TestHub.Connection(nodes.B, cookie: await nodes.B.CookieOf("Emmy", Obeya.Domain.Accounts.GlobalRole.Administrator));
        listen(hub);
        await hub.StartAsync();
        await hub.InvokeAsync("Join", Boards.Track(board.TrackId));
        return hub;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        (await condition()).Should().BeTrue("it should hold within ten seconds");
    }
}
