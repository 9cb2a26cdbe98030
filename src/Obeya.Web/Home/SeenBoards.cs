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

    public async Task<IReadOnlyDictionary<Guid, long>> Load()
    {
        try
        {
            var stored = await storage.GetAsync<Dictionary<Guid, long>>(Key);
            return stored is { Success: true, Value: { } seen } ? seen : new Dictionary<Guid, long>();
        }
        catch (CryptographicException)
        {
            // Written under another data-protection key (e.g. a reinstalled server): start afresh.
            return new Dictionary<Guid, long>();
        }
    }

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
}
