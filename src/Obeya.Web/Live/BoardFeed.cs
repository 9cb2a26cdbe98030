using Marten;

namespace Obeya.Web.Live;

/// <summary>
/// A screen's live changes, one per Blazor circuit: it watches this process's <see cref="LiveFeed"/> directly (no
/// connection back to its own server) and only what it shows now; what it missed it reads from the store. Each
/// component holds the handles of what it watches and disposes them when it stops showing it; the circuit's end
/// disposes whatever is left. Access is the caller's to ask before watching.
/// </summary>
public sealed class BoardFeed(LiveFeed feed, IDocumentStore store) : IDisposable
{
    private readonly Lock gate = new();
    private readonly HashSet<Watching> watching = [];

    /// <summary>Changes to <paramref name="board"/> from now on, until the handle is disposed.</summary>
    public IDisposable Watch(string board, Func<BoardChange, Task> onChange)
    {
        var handle = new Watching(this, feed.Watch(board, onChange));
        lock (gate)
        {
            watching.Add(handle);
        }

        return handle;
    }

    public async Task<CatchUp> Since(string board, long afterSequence)
    {
        await using var session = store.QuerySession();
        return await CatchUp.Since(session, board, afterSequence, CancellationToken.None);
    }

    public void Dispose()
    {
        List<Watching> left;
        lock (gate)
        {
            left = [.. watching];
            watching.Clear();
        }

        foreach (var handle in left)
        {
            handle.Dispose();
        }
    }

    private sealed class Watching(BoardFeed owner, IDisposable watcher) : IDisposable
    {
        public void Dispose()
        {
            watcher.Dispose();
            lock (owner.gate)
            {
                owner.watching.Remove(this);
            }
        }
    }
}
