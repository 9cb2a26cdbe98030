using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Threading.Channels;
using Obeya.Web.Infrastructure;

namespace Obeya.Web.Live;

/// <summary>
/// The after-commit feed inside this process: every committed change, published once, in commit order, to whoever
/// watches its board (a screen's circuit) or every board (the relay to the hub's connections). Each watcher has a queue
/// of its own and hears its changes one at a time in order, so a slow screen never holds up a write or another screen.
/// </summary>
public sealed class LiveFeed(ILogger<LiveFeed> logger)
{
    private readonly ILogger log = logger;

    private const string Everything = "*";

    private readonly ConcurrentDictionary<string, ImmutableArray<Watcher>> watchers = new();

    /// <summary>Changes to <paramref name="board"/> from now on, until the returned handle is disposed.</summary>
    public IDisposable Watch(string board, Func<BoardChange, Task> onChange) => Add(board, onChange);

    /// <summary>Every change of every board: how the hub relays to its connections.</summary>
    public IDisposable WatchEverything(Func<BoardChange, Task> onChange) => Add(Everything, onChange);

    /// <summary>How many watch any board now: for the metrics, never for deciding anything.</summary>
    public int Watchers => watchers.Values.Sum(list => list.Length);

    /// <summary>How many watch a board now: for tests and the benchmark, never for deciding anything.</summary>
    public int WatchersOf(string board) => watchers.TryGetValue(board, out var list) ? list.Length : 0;

    public void Publish(BoardChange change)
    {
        if (watchers.TryGetValue(change.Board, out var onBoard))
        {
            foreach (var watcher in onBoard)
            {
                watcher.Offer(change);
            }
        }

        if (watchers.TryGetValue(Everything, out var all))
        {
            foreach (var watcher in all)
            {
                watcher.Offer(change);
            }
        }
    }

    private Watcher Add(string board, Func<BoardChange, Task> onChange)
    {
        var watcher = new Watcher(this, board, onChange);
        watchers.AddOrUpdate(board, _ => [watcher], (_, list) => list.Add(watcher));
        return watcher;
    }

    private void Remove(Watcher watcher)
    {
        // Replaced atomically; an empty list is left for the next watcher of the board rather than raced away.
        watchers.AddOrUpdate(watcher.Board, _ => [], (_, list) => list.Remove(watcher));
    }

    private sealed class Watcher : IDisposable
    {
        private readonly LiveFeed feed;
        private readonly Func<BoardChange, Task> onChange;
        private readonly Channel<(BoardChange Change, long Offered)> queue =
            Channel.CreateUnbounded<(BoardChange, long)>(new UnboundedChannelOptions { SingleReader = true });

        public Watcher(LiveFeed feed, string board, Func<BoardChange, Task> onChange)
        {
            this.feed = feed;
            this.onChange = onChange;
            Board = board;
            _ = Task.Run(Deliver);
        }

        public string Board { get; }

        public void Offer(BoardChange change) => queue.Writer.TryWrite((change, Stopwatch.GetTimestamp()));

        public void Dispose()
        {
            if (queue.Writer.TryComplete())
            {
                feed.Remove(this);
            }
        }

        private async Task Deliver()
        {
            await foreach (var (change, offered) in queue.Reader.ReadAllAsync())
            {
                try
                {
                    await onChange(change);
                    ObeyaTelemetry.CommitToScreen.Record(Stopwatch.GetElapsedTime(offered).TotalMilliseconds);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The watcher catches up by sequence on the next change; the feed goes on for everyone else.
                    feed.log.LogWarning(e, "A watcher of {Board} failed on change {Sequence}", Board, change.Sequence);
                }
            }
        }
    }
}
