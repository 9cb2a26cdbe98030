using System.Text.Json;
using Marten;
using NodaTime;
using Obeya.Domain;
using Obeya.Domain.Access;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Web.Access;
using Obeya.Web.Infrastructure;
using Obeya.Web.Live;
using Obeya.Web.Teams;

namespace Obeya.Web.Tracks.Storyboard;

/// <summary>
/// What a storyboard screen holds of its track, kept current from the live channel: each pushed event is folded
/// in by the domain itself, exactly once and in order; a gap is filled by catch-up, or by a reload when too old.
/// </summary>
public sealed class BoardState(IDocumentStore store, IClock clock, BoardFeed feed, ScreenAccess access)
{
    private static readonly JsonSerializerOptions Json = CreateJson();
    private readonly SemaphoreSlim gate = new(1, 1);
    private long lastSequence;
    private bool listening;

    public Track? Track { get; private set; }

    public Team? Team { get; private set; }

    public bool Live { get; private set; }

    /// <summary>Raised (outside the renderer) whenever the board changed, here or elsewhere.</summary>
    public event Func<Task>? Changed;

    public async Task Open(Guid trackId)
    {
        // Join first, then load: a change committed in between is then either in what we load or caught up.
        await feed.Watch(Boards.Track(trackId), OnChange);
        // Once per circuit: catching up concerns whichever track is open by then.
        if (!listening)
        {
            feed.Reconnected += () => Guarded(CatchUp);
            listening = true;
        }

        await Reload(trackId);
        await Guarded(CatchUp);
        Live = true;
    }

    /// <summary>Runs a decision as the signed-in user against the version this screen shows.</summary>
    public async Task<object> Do(Func<Track, Decision, object> decide)
    {
        var track = Track ?? throw new InvalidOperationException("The board is not open.");
        await using var session = store.LightweightSession();
        var (_, e) = await StreamWrites.Write(session, clock, track.Id, track.Version, await access.Acting(Permission.ChangeBoards), t => t.TeamId, decide, TrackEndpoints.TrackNotFound, CancellationToken.None);
        await Guarded(() =>
        {
            // The push of this very event may have arrived first.
            if (Track?.Version == track.Version)
            {
                Apply(e, sequence: null);
            }

            return Task.CompletedTask;
        });
        // The page passes the new board down to every panel, not only to the one that acted.
        await Notify();
        return e;
    }

    public async Task Reload(Guid trackId)
    {
        await using var session = store.QuerySession();
        Track = await session.LoadAsync<Track>(trackId);
        Team = Track is null ? null : await session.LoadAsync<Team>(Track.TeamId);
        lastSequence = Track is null ? 0 : await session.Events.QueryAllRawEvents().Where(e => e.StreamId == trackId).MaxAsync(e => e.Sequence);
    }

    private Task OnChange(BoardChange change) => Guarded(async () =>
    {
        // A track opened earlier in this circuit is still joined: its changes are not this board's.
        if (Track is null || change.StreamId != Track.Id)
        {
            return;
        }

        if (change.Version == Track.Version + 1)
        {
            Apply(change.ReadEvent(Json), change.Sequence);
        }
        else if (change.Version > Track.Version)
        {
            await CatchUp();
        }
        else
        {
            // Already here (this screen made it, or caught it up): only remember how far we have seen.
            lastSequence = Math.Max(lastSequence, change.Sequence);
            return;
        }

        await Notify();
    });

    private async Task CatchUp()
    {
        if (Track is null)
        {
            return;
        }

        var missed = await feed.Since(Boards.Track(Track.Id), lastSequence);
        foreach (var change in missed.Reload ? [] : missed.Changes)
        {
            if (change.Version == Track.Version + 1)
            {
                Apply(change.ReadEvent(Json), change.Sequence);
            }
        }

        // Too old to replay, or still a hole: take the stored board as it is now.
        if (missed.Reload || missed.Changes.Any(c => c.Version > Track.Version))
        {
            await Reload(Track.Id);
        }

        await Notify();
    }

    private void Apply(object e, long? sequence)
    {
        Track = Track!.With(e);
        lastSequence = Math.Max(lastSequence, sequence ?? 0);
    }

    private async Task Notify()
    {
        if (Changed is { } changed)
        {
            await changed();
        }
    }

    private async Task Guarded(Func<Task> action)
    {
        await gate.WaitAsync();
        try
        {
            await action();
        }
        finally
        {
            gate.Release();
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ObeyaApi.Configure(json);
        return json;
    }
}
