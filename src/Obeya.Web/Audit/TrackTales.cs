using System.Collections.Concurrent;
using Marten;
using Obeya.Domain;
using Obeya.Domain.Tracks;

namespace Obeya.Web.Audit;

/// <summary>
/// Each track's history phrases, told once and kept: a phrase needs the board as it stood before its event, so a
/// page of the audit trail would otherwise replay every track on it from the start. Phrases never change (only
/// the names and the language told with them do), so what is kept is extended with the events that came since, never told again.
/// Per node and bounded; forgetting costs only a replay.
/// </summary>
public sealed class TrackTales(IDocumentStore store)
{
    private const int MaxTracks = 256;

    private readonly ConcurrentDictionary<Guid, Tale> tales = new();

    /// <summary>What version <paramref name="version"/> of the track's stream did (without its subject); null if it has none.</summary>
    public async Task<Phrase?> ActionAt(Guid trackId, long version, CancellationToken ct)
    {
        if (tales.Count > MaxTracks)
        {
            tales.Clear();
        }

        var tale = tales.GetOrAdd(trackId, _ => new Tale());
        await tale.Gate.WaitAsync(ct);
        try
        {
            if (tale.Actions.Count < version)
            {
                await using var session = store.QuerySession();
                var events = await session.Events.FetchStreamAsync(trackId, fromVersion: tale.Actions.Count + 1, token: ct);
                foreach (var e in events)
                {
                    tale.Actions.Add(TrackHistory.Next(ref tale.Board, e.Data, e.Version).Action);
                }
            }

            return version >= 1 && version <= tale.Actions.Count ? tale.Actions[(int)version - 1] : null;
        }
        finally
        {
            tale.Gate.Release();
        }
    }

    private sealed class Tale
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public readonly List<Phrase> Actions = [];
        public Track? Board;
    }
}
