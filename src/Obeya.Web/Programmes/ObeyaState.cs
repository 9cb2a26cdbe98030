using Marten;
using NodaTime;
using Obeya.Web.Live;

namespace Obeya.Web.Programmes;

/// <summary>
/// What an Obeya screen holds of its programme, kept current from the live channel: any change to the programme or
/// to a track below it reloads the view (one round trip) and rolls the statuses up again.
/// </summary>
public sealed class ObeyaState(IDocumentStore store, IClock clock, BoardFeed feed, ILogger<ObeyaState> logger)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly HashSet<Guid> watchedTracks = [];
    private Guid shown;
    private bool listening;

    public ObeyaView? View { get; private set; }

    public bool Live { get; private set; }

    /// <summary>Raised (outside the renderer) whenever the view was reloaded after a change anywhere below.</summary>
    public event Func<Task>? Changed;

    /// <summary>
    /// Shows <paramref name="programmeId"/> from now on. Whatever is heard later, for this programme or one opened
    /// earlier in this circuit, reloads the programme shown, never an earlier one.
    /// </summary>
    public async Task Open(Guid programmeId)
    {
        shown = programmeId;
        // Join first, then load: a change committed in between is then in what is loaded or arrives after.
        await feed.Watch(Boards.Programme(programmeId), _ => Later());
        if (!listening)
        {
            feed.Reconnected += Reload;
            listening = true;
        }

        await Reload();
        Live = true;
    }

    public async Task Load(Guid programmeId)
    {
        await using var session = store.QuerySession();
        View = await ProgrammeEndpoints.Load(session, programmeId, clock, CancellationToken.None);
    }

    /// <summary>
    /// Off the live connection's own loop: the reload may join newly linked tracks, and a hub call awaited inside a
    /// push handler would wait for an answer that loop cannot read until the handler returns.
    /// </summary>
    private Task Later()
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await Reload();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The next change or reconnect reloads again; the screen keeps what it showed.
                logger.LogWarning(e, "Reloading Obeya {ProgrammeId} after a change failed", shown);
            }
        });
        return Task.CompletedTask;
    }

    private async Task Reload()
    {
        await gate.WaitAsync();
        try
        {
            await Load(shown);
            // A track linked since the last look is watched from now on.
            foreach (var trackId in View!.Programme.TacticalGoals.SelectMany(g => g.TrackIds).Where(watchedTracks.Add).ToList())
            {
                await feed.Watch(Boards.Obeya(trackId), _ => Later());
            }
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
}
