using System.Diagnostics;
using Marten;
using Npgsql;
using Obeya.Domain;

namespace Obeya.Web.Infrastructure.Reads;

/// <summary>
/// The read models the async daemon builds (on one node at a time) and how far they are: a read that shows one waits
/// until it has every event committed before the read, instead of hoping (no live push points a screen at one yet;
/// one that does would wait the same way for its own event's sequence).
/// </summary>
public sealed class AsyncProjections(IDocumentStore store, NpgsqlDataSource dataSource)
{
    /// <summary>Longer behind than this and the read is refused (503, try again): the daemon is taking over or the store is slow.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    /// <summary>Waits until every async projection has every event committed before this call.</summary>
    public async Task CaughtUp(CancellationToken ct) => await CaughtUpTo(await Highest(ct), ct);

    /// <summary>Waits until every async projection has processed the event with <paramref name="sequence"/> and all before it.</summary>
    private async Task CaughtUpTo(long sequence, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (await Slowest(ct) < sequence)
        {
            if (waited.Elapsed > MaxWait)
            {
                throw new ApiProblemException(
                    StatusCodes.Status503ServiceUnavailable, "asyncProjections", Phrase.Of("api.readModelBehindTitle"), Phrase.Of("api.readModelBehind"));
            }

            await Task.Delay(Poll, ct);
        }
    }

    /// <summary>How many events the slowest async projection has still to process: the daemon's lag.</summary>
    public async Task<long> Lag(CancellationToken ct) => Math.Max(0, await Highest(ct) - await Slowest(ct));

    /// <summary>The highest sequence of a committed event (0 for an empty store).</summary>
    private async Task<long> Highest(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select coalesce(max(seq_id), 0) from {store.Options.Events.DatabaseSchemaName}.mt_events");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Where the slowest async projection stands; 0 for one that never ran.</summary>
    private async Task<long> Slowest(CancellationToken ct)
    {
        var progress = await store.Advanced.AllProjectionProgress(token: ct);
        return Names.Min(name => progress.FirstOrDefault(p => p.ShardName.StartsWith(name + ":", StringComparison.Ordinal))?.Sequence ?? 0);
    }

    /// <summary>The async projections, by name (their shards are "{name}:All").</summary>
    public static readonly string[] Names = [nameof(Audit.TeamStreams)];
}
