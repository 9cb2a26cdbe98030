using Microsoft.Extensions.DependencyInjection;
using Obeya.Domain.Tracks;
using Obeya.Testing;
using Obeya.Web.Infrastructure.Reads;
using Obeya.Web.Live;
using Obeya.Web.Tests.Tracks;

namespace Obeya.Web.Tests.Infrastructure;

/// <summary>
/// A screen reads its board, the board's version and the sequence of its last event together: read while others
/// write, the three always belong to one moment, so catching up from that sequence neither misses nor repeats a change.
/// </summary>
public class StoredStreamsTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    [Fact]
    public async Task a_board_read_while_others_write_is_always_one_moment_of_it()
    {
        var board = await Board.StartAsync(app);
        var reads = app.Services.GetRequiredService<StoredStreams>();
        using var writing = new CancellationTokenSource();
        var writers = Task.WhenAll(Enumerable.Range(0, 3).Select(async w =>
        {
            var api = app.ClientFor("Emmy");
            for (var i = 0; !writing.IsCancellationRequested && i < 25; i++)
            {
                var current = await api.GetAsync(board.Path);
                var request = new HttpRequestMessage(HttpMethod.Post, $"{board.Path}/obstacles")
                {
                    Content = System.Net.Http.Json.JsonContent.Create(new { text = $"Obstakel {(char)('a' + w)}{(char)('a' + i % 26)}{(char)('a' + i / 26)}" }),
                };
                request.Headers.IfMatch.Add(current.Headers.ETag!);
                await api.SendAsync(request);
            }
        }));

        var seen = new List<Stored<Track>>();
        while (!writers.IsCompleted)
        {
            seen.Add((await reads.Load<Track>(board.TrackId, CancellationToken.None))!);
        }

        await writers;
        seen.Should().HaveCountGreaterThan(10);
        var final = (await reads.Load<Track>(board.TrackId, CancellationToken.None))!.Version;
        await using var session = app.Store.QuerySession();
        // Forty reads spread over the run: enough to span every moment of the writing, cheap to check.
        foreach (var read in seen.Where((_, i) => i % Math.Max(1, seen.Count / 40) == 0))
        {
            // Only obstacles are added after the start: the board read holds exactly version - 1 of them.
            read.State.Obstacles.Count.Should().Be((int)read.Version - 1);
            // And what a screen would catch up on after that sequence is exactly what came after that version.
            var after = await CatchUp.Since(session, Boards.Track(board.TrackId), read.LastSequence, CancellationToken.None);
            after.Changes.Select(c => c.Version).Should().Equal(Enumerable.Range((int)read.Version + 1, (int)(final - read.Version)).Select(v => (long)v));
        }
    }
}
