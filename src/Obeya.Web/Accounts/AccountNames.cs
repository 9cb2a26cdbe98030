using Marten;
using Obeya.Domain;
using Obeya.Domain.Accounts;
using Obeya.Web.Language;

namespace Obeya.Web.Accounts;

/// <summary>
/// The names history shows, in the reader's language: an account's name as it is now ("voormalig medewerker" once removed), and for actors
/// without an account (the demo data, events from before accounts were named by id) the name they were stored with.
/// </summary>
public sealed class AccountNames(IDocumentStore store)
{
    public async Task<Func<Actor, string>> For(IEnumerable<Actor> actors, CancellationToken ct)
    {
        var ids = actors.Select(a => a.AccountId).OfType<Guid>().Distinct().ToArray();
        if (ids.Length == 0)
        {
            return actor => actor.Name;
        }

        await using var session = store.QuerySession();
        var accounts = (await session.LoadManyAsync<Account>(ct, ids))
            .ToDictionary(a => a.Id, a => a.Removed ? Words.Say("history.formerColleague") : a.Name);
        return actor => actor.AccountId is { } id && accounts.TryGetValue(id, out var name) ? name : actor.Name;
    }
}
