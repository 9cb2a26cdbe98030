using Marten;
using Obeya.Domain.Access;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Web.Access;
using Obeya.Web.Infrastructure.Reads;
using Obeya.Web.Infrastructure.Writes;
using Obeya.Web.Live;

namespace Obeya.Web.Tracks.Storyboard;

/// <summary>
/// What a storyboard screen holds of its track, kept current from the live feed: each change is folded in by the
/// domain itself, exactly once and in order (by the stream's version); a gap is filled from the store by sequence,
/// or by a reload when too old. One per circuit, shared by the storyboard and the stand-up; it watches only while
/// a page shows it.
/// </summary>
public sealed class BoardState(IDocumentStore store, StoredStreams reads, Writer writer, BoardFeed feed, ScreenAccess access)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private long lastSequence;
    private IDisposable? watchingTrack;
    private IDisposable? watchingTeam;
    private int lease;

    public Track? Track { get; private set; }

    /// <summary>The stream's version in the store that <see cref="Track"/> shows.</summary>
    public long Version { get; private set; }

    public Team? Team { get; private set; }

    public bool Live { get; private set; }

    /// <summary>Raised (outside the renderer) whenever the board changed, here or elsewhere.</summary>
    public event Func<Task>? Changed;

    /// <summary>
    /// Shows <paramref name="trackId"/> live, for the page that holds the answered lease. Watches first, then reads the
    /// board with its version and last sequence in one statement: a change committed in between is then either in what
    /// was read or heard after it.
    /// </summary>
    public async Task<int> Open(Guid trackId)
    {
        var mine = Interlocked.Increment(ref lease);
        await Guarded(async () =>
        {
            StopWatching();
            watchingTrack = feed.Watch(Boards.Track(trackId), OnChange);
            await Load(trackId);
            if (Team is not null)
            {
                watchingTeam = feed.Watch(Boards.Team(Team.Id), OnTeamChange);
            }

            Live = Track is not null;
        });
        await Notify();
        return mine;
    }

    /// <summary>
    /// Reads the board (and its team) as it is now, without starting to watch it: what a prerendered page or a refused
    /// reader gets, and what a page reads again before it asks who may see it.
    /// </summary>
    public Task Read(Guid trackId) => Guarded(() => Load(trackId));

    /// <summary>The shown board read again, after someone else's change to the same item.</summary>
    public Task Reload() => Track is { } shown ? Read(shown.Id) : Task.CompletedTask;

    /// <summary>
    /// The page that showed it went away: stop hearing its changes, unless another page of the circuit opened the
    /// board since (the next page can start before the last one is disposed).
    /// </summary>
    public void Close(int openedWith)
    {
        if (Interlocked.CompareExchange(ref lease, openedWith + 1, openedWith) == openedWith)
        {
            StopWatching();
        }
    }

    private void StopWatching()
    {
        watchingTrack?.Dispose();
        watchingTeam?.Dispose();
        (watchingTrack, watchingTeam, Live) = (null, null, false);
    }

    /// <summary>
    /// Runs a decision as the signed-in user against the version this screen shows: someone else's change to another
    /// item in between is no reason to refuse (it is decided again on the newer board), a change to the same item is.
    /// </summary>
    public async Task<Written> Do(Func<Track, Decision, object> decide)
    {
        var track = Track ?? throw new InvalidOperationException("The board is not open.");
        var written = await writer.Change(
            TrackEndpoints.Kind, track.Id, await access.User(), Permission.ChangeBoards, new Versioning.Seen(Version),
            (t, d) => [decide(t, d)], CancellationToken.None);
        await Shown(written);
        return written;
    }

    /// <summary>A file of measurements as one change; additions, so decided on the newest board.</summary>
    public async Task<MeasurementImportView> Import(Guid metricId, MeasurementFile file, DuplicateDates duplicates)
    {
        var track = Track ?? throw new InvalidOperationException("The board is not open.");
        var (written, view) = await MeasurementImports.Store(
            writer, await access.User(), track.Id, metricId, file, duplicates, Versioning.Newest, null, CancellationToken.None);
        await Shown(written);
        return view;
    }

    /// <summary>Folds in what this screen itself wrote, and tells every panel.</summary>
    private async Task Shown(Written written)
    {
        await Guarded(() =>
        {
            // Only when nothing came in between: otherwise the feed brings the other changes and this one, in order.
            if (Track?.Id == written.StreamId && Version == written.Version - written.Events.Count)
            {
                foreach (var e in written.Events)
                {
                    Apply(e, sequence: null);
                }
            }

            return Task.CompletedTask;
        });
        // The page passes the new board down to every panel, not only to the one that acted.
        await Notify();
    }

    private async Task Load(Guid trackId)
    {
        var stored = await reads.Load<Track>(trackId, CancellationToken.None);
        (Track, Version, lastSequence) = stored is null ? (null, 0, 0) : (stored.State, stored.Version, stored.LastSequence);
        await using var session = store.QuerySession();
        Team = Track is null ? null : await session.LoadAsync<Team>(Track.TeamId);
    }

    private Task OnChange(BoardChange change) => Guarded(async () =>
    {
        if (Track is null || change.StreamId != Track.Id || !Live)
        {
            return;
        }

        if (change.Version == Version + 1)
        {
            Apply(change.Data, change.Sequence);
        }
        else if (change.Version > Version)
        {
            await CatchUp();
        }
        else
        {
            // Already here (this screen made it, or caught it up).
            lastSequence = Math.Max(lastSequence, change.Sequence);
            return;
        }

        await Notify();
    });

    /// <summary>Members and coaches change who may own a step: the team is read again.</summary>
    private Task OnTeamChange(BoardChange change) => change.Data is not (TeamMemberAdded or CoachAssigned or TeamMemberRemoved or CoachRemoved or TeamRenamed or TeamCadenceChanged)
        ? Task.CompletedTask
        : Guarded(async () =>
        {
            await using var session = store.QuerySession();
            Team = Track is null ? null : await session.LoadAsync<Team>(Track.TeamId);
            await Notify();
        });

    private async Task CatchUp()
    {
        var missed = await feed.Since(Boards.Track(Track!.Id), lastSequence);
        foreach (var change in missed.Reload ? [] : missed.Changes)
        {
            if (change.Version == Version + 1)
            {
                Apply(change.Data, change.Sequence);
            }
        }

        // Too old to replay, or still a hole: take the stored board as it is now.
        if (missed.Reload || missed.Changes.Any(c => c.Version > Version))
        {
            await Load(Track.Id);
        }
    }

    private void Apply(object e, long? sequence)
    {
        Track = Track!.With(e);
        Version++;
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
}
