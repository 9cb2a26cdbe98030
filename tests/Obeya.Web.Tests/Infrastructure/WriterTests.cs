using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Obeya.Domain.Access;
using Obeya.Domain.Tracks;
using Obeya.Testing;
using Obeya.Web.Infrastructure;
using Obeya.Web.Infrastructure.Reads;
using Obeya.Web.Infrastructure.Writes;
using Obeya.Web.Tests.Tracks;
using Obeya.Web.Tracks;

namespace Obeya.Web.Tests.Infrastructure;

/// <summary>
/// The one writer, as the screens use it: a change made on a board someone else changed since meets that change
/// only when both touch the same item; the version it answers is the store's.
/// </summary>
public class WriterTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    private static readonly System.Security.Claims.ClaimsPrincipal Emmy = ObeyaApp.Person("Emmy");

    private Writer Writer => app.Services.GetRequiredService<Writer>();

    private Task<Written> OnScreen(Guid trackId, long seen, Func<Track, Decision, object> decide) =>
        Writer.Change(TrackEndpoints.Kind, trackId, Emmy, Permission.ChangeBoards, new Versioning.Seen(seen), (t, d) => [decide(t, d)], CancellationToken.None);

    private async Task<long> StoredVersion(Guid trackId) =>
        (await app.Services.GetRequiredService<StoredStreams>().Load<Track>(trackId, CancellationToken.None))!.Version;

    [Fact]
    public async Task a_screen_change_to_another_item_than_what_changed_since_is_decided_again_on_the_newer_board()
    {
        var board = await Board.StartAsync(app);
        var wait = await board.Do("/obstacles", new { text = "Wachttijd" });
        var seen = board.Version;
        // Someone else, on the API, rephrases that obstacle.
        (await board.Put($"/obstacles/{wait}/text", new { text = "Wachttijd bij de intake" })).EnsureSuccessStatusCode();

        var written = await OnScreen(board.TrackId, seen, (t, d) => TrackDecisions.AddObstacle(t, new AddObstacle(Guid.NewGuid(), "Geen vaste tijd"), d.By, d.Now));

        written.Version.Should().Be(seen + 2).And.Be(await StoredVersion(board.TrackId));
        var stored = await board.Read();
        stored.GetProperty("obstacles").EnumerateArray().Select(o => o.GetProperty("text").GetString()).Should().Equal("Wachttijd bij de intake", "Geen vaste tijd");
    }

    [Fact]
    public async Task a_screen_change_to_the_item_someone_else_just_changed_is_refused_and_stores_nothing()
    {
        var board = await Board.StartAsync(app);
        var wait = await board.Do("/obstacles", new { text = "Wachttijd" });
        var seen = board.Version;
        (await board.Put($"/obstacles/{wait}/text", new { text = "Wachttijd bij de intake" })).EnsureSuccessStatusCode();
        var before = await app.EventCount();

        var write = () => OnScreen(board.TrackId, seen, (t, d) => TrackDecisions.RephraseObstacle(t, new RephraseObstacle(wait, "Wachttijd aan de balie"), d.By, d.Now));

        var stale = (await write.Should().ThrowAsync<ApiProblemException>()).Which;
        stale.Status.Should().Be(StatusCodes.Status412PreconditionFailed);
        stale.Extensions["currentVersion"].Should().Be(seen + 1);
        (await app.EventCount()).Should().Be(before);
        (await board.Read()).GetProperty("obstacles")[0].GetProperty("text").GetString().Should().Be("Wachttijd bij de intake");
    }

    [Fact]
    public async Task screens_adding_at_the_same_moment_against_the_same_version_all_get_theirs()
    {
        var board = await Board.StartAsync(app);
        var seen = board.Version;

        var written = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            OnScreen(board.TrackId, seen, (t, d) => TrackDecisions.AddObstacle(t, new AddObstacle(Guid.NewGuid(), $"Obstakel {(char)('a' + i)}"), d.By, d.Now))));

        written.Select(w => w.Version).Should().BeEquivalentTo(Enumerable.Range(2, 10).Select(v => (long)v));
        (await StoredVersion(board.TrackId)).Should().Be(11);
        (await board.Read()).GetProperty("obstacles").GetArrayLength().Should().Be(10);
    }

    [Fact]
    public async Task the_api_keeps_its_strict_if_match()
    {
        var board = await Board.StartAsync(app);
        var seen = board.Version;
        await board.Do("/obstacles", new { text = "Wachttijd" });

        var write = () => Writer.Change(TrackEndpoints.Kind, board.TrackId, Emmy, Permission.ChangeBoards, new Versioning.Exactly(seen),
            (t, d) => [TrackDecisions.AddObstacle(t, new AddObstacle(Guid.NewGuid(), "Te laat"), d.By, d.Now)], CancellationToken.None);

        (await write.Should().ThrowAsync<ApiProblemException>()).Which.Status.Should().Be(StatusCodes.Status412PreconditionFailed);
    }

    [Fact]
    public async Task an_empty_stream_id_is_not_found()
    {
        var write = () => OnScreen(Guid.Empty, 1, (t, d) => TrackDecisions.AddObstacle(t, new AddObstacle(Guid.NewGuid(), "Nergens"), d.By, d.Now));

        (await write.Should().ThrowAsync<Obeya.Domain.DomainException>()).Which.Refusal.Should().Be(Obeya.Domain.Refusal.NotFound);
    }
}
