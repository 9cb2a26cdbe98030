using System.Security.Cryptography;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;

namespace Obeya.Web.Home;

/// <summary>
/// The version of each board this browser last showed, kept in the browser itself (no account needed yet), so the
/// home page can say which boards changed since someone last looked.
/// </summary>
public sealed class SeenBoards(ProtectedLocalStorage storage)
{
    private const string Key = "obeya-seen";

    /// <summary>What the Obeya room last showed: programmes and the tracks below them, apart from the boards opened themselves.</summary>
    private const string RoomKey = "obeya-seen-room";

    public Task<IReadOnlyDictionary<Guid, long>> Load() => Load(Key);

    /// <summary>The versions of programmes, and of the tracks below them, when an Obeya view last showed them.</summary>
    public Task<IReadOnlyDictionary<Guid, long>> LoadRoom() => Load(RoomKey);

    public async Task MarkSeen(Guid trackId, long version)
    {
        var seen = new Dictionary<Guid, long>(await Load());
        if (seen.TryGetValue(trackId, out var known) && known >= version)
        {
            return;
        }

        seen[trackId] = version;
        await storage.SetAsync(Key, seen);
    }

    /// <summary>An Obeya view showed a programme with the tracks below it at these versions.</summary>
    public async Task MarkSeenInRoom(IReadOnlyDictionary<Guid, long> versions)
    {
        var seen = new Dictionary<Guid, long>(await LoadRoom());
        var changed = false;
        foreach (var (id, version) in versions)
        {
            if (!seen.TryGetValue(id, out var known) || known < version)
            {
                seen[id] = version;
                changed = true;
            }
        }

        if (changed)
        {
            await storage.SetAsync(RoomKey, seen);
        }
    }

    private async Task<IReadOnlyDictionary<Guid, long>> Load(string key)
    {
        try
        {
            var stored = await storage.GetAsync<Dictionary<Guid, long>>(key);
            return stored is { Success: true, Value: { } seen } ? seen : new Dictionary<Guid, long>();
        }
        catch (CryptographicException)
        {
            // Written under another data-protection key (e.g. a reinstalled server): start afresh.
            return new Dictionary<Guid, long>();
        }
    }
}
