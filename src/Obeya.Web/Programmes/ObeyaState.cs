using Marten;
using NodaTime;
using Obeya.Web.Live;

namespace Obeya.Web.Programmes;

/// <summary>
/// What an Obeya screen holds of its programme, kept current from the live feed: a change to the programme or to a
/// track below it marks the view stale, and one reload (one round trip) follows for a whole burst of changes. One per
/// circuit, shared by the four views; it watches only while a view shows it.
/// </summary>
public sealed class ObeyaState(IDocumentStore store, IClock clock, BoardFeed feed, ILogger<ObeyaState> logger) : IDisposable
{
    /// <summary>Changes that land this close together cost one reload.</summary>
    public static readonly TimeSpan Coalescing = TimeSpan.FromMilliseconds(150);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<string, IDisposable> watching = [];
    private readonly Lock pending = new();
    private Guid shown;
    private bool reloadQueued;
    private int lease;

    public ObeyaView? View { get; private set; }

    public bool Live { get; private set; }

    /// <summary>How many times the view was reloaded after a change: for tests and the benchmark.</summary>
    public int Reloads { get; private set; }

    /// <summary>Whether a change was heard that no reload has taken in yet.</summary>
    public bool ReloadPending
    {
        get
        {
            lock (pending)
            {
                return reloadQueued;
            }
        }
    }

    /// <summary>Raised (outside the renderer) whenever the view was reloaded after a change anywhere below.</summary>
    public event Func<Task>? Changed;

    /// <summary>Shows <paramref name="programmeId"/> live, for the view that holds the answered lease.</summary>
    public async Task<int> Open(Guid programmeId)
    {
        var mine = Interlocked.Increment(ref lease);
        await gate.WaitAsync();
        try
        {
            if (shown != programmeId)
            {
                StopWatching();
            }

            shown = programmeId;
            // Watch first, then load: a change committed in between is then in what is loaded or heard after.
            Watch(Boards.Programme(programmeId));
            await LoadAndWatchTracks();
            Live = true;
        }
        finally
        {
            gate.Release();
        }

        return mine;
    }

    /// <summary>Reads the view without watching it: for a prerendered page.</summary>
    public async Task Load(Guid programmeId)
    {
        await using var session = store.QuerySession();
        View = await ProgrammeEndpoints.Load(session, programmeId, clock, CancellationToken.None);
    }

    /// <summary>The view that showed it went away, and no other opened it since: stop hearing its changes.</summary>
    public void Close(int openedWith)
    {
        if (Interlocked.CompareExchange(ref lease, openedWith + 1, openedWith) == openedWith)
        {
            gate.Wait();
            try
            {
                StopWatching();
            }
            finally
            {
                gate.Release();
            }
        }
    }

    public void Dispose()
    {
        StopWatching();
        gate.Dispose();
    }

    private void Watch(string board)
    {
        if (!watching.ContainsKey(board))
        {
            watching[board] = feed.Watch(board, _ => Stale());
        }
    }

    private void StopWatching()
    {
        foreach (var watcher in watching.Values)
        {
            watcher.Dispose();
        }

        watching.Clear();
        Live = false;
    }

    /// <summary>Loads the programme shown and watches exactly the tracks linked below it now.</summary>
    private async Task LoadAndWatchTracks()
    {
        await Load(shown);
        var boards = View!.Programme.TacticalGoals.SelectMany(g => g.TrackIds).Select(Boards.Obeya).Append(Boards.Programme(shown)).ToHashSet();
        foreach (var board in boards)
        {
            Watch(board);
        }

        foreach (var gone in watching.Keys.Where(b => !boards.Contains(b)).ToList())
        {
            watching.Remove(gone, out var watcher);
            watcher!.Dispose();
        }
    }

    /// <summary>Marks the view stale; the first change of a burst schedules the one reload for all of it.</summary>
    private Task Stale()
    {
        lock (pending)
        {
            if (reloadQueued)
            {
                return Task.CompletedTask;
            }

            reloadQueued = true;
        }

        _ = Task.Run(ReloadOnce);
        return Task.CompletedTask;
    }

    private async Task ReloadOnce()
    {
        try
        {
            await Task.Delay(Coalescing);
            await gate.WaitAsync();
            try
            {
                // Changes from here on need a reload after this one.
                lock (pending)
                {
                    reloadQueued = false;
                }

                if (!Live)
                {
                    return;
                }

                await LoadAndWatchTracks();
                Reloads++;
            }
            finally
            {
                gate.Release();
            }

            if (Changed is { } changed)
            {
                await changed();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The next change reloads again; the screen keeps what it showed.
            logger.LogWarning(e, "Reloading Obeya {ProgrammeId} after a change failed", shown);
        }
    }
}
