using Marten;
using NodaTime;
using Obeya.Domain.Accounts;
using Obeya.Domain.Programmes;
using Obeya.Web.Access;
using Obeya.Web.Components;
using Radzen;

namespace Obeya.Web.Programmes;

/// <summary>
/// How the Obeya views steer: the same writes as the API, as the circuit's user, a refusal as a Dutch notice. The
/// views hear their own change through the live channel, like everyone else's.
/// </summary>
public sealed class ObeyaSteering(IDocumentStore store, IClock clock, ScreenAccess access, NotificationService notices)
{
    public Task<bool> MaySteer() => access.Holds(GlobalRole.ProgrammeDirector);

    public Task<bool> Change(Guid programmeId, Func<Programme, string, Instant, object> decide) =>
        ScreenWrites.Try(notices, async () =>
        {
            await using var session = store.LightweightSession();
            await ProgrammeEndpoints.ChangeAsync(session, clock, await access.User(), access.Check, programmeId, decide, CancellationToken.None);
        }, () => Task.CompletedTask);

    public Task<bool> Resolve(Guid programmeId, Guid impedimentId, string? resolution) =>
        ScreenWrites.Try(notices, async () =>
        {
            await using var session = store.LightweightSession();
            await ProgrammeEndpoints.ResolveAsync(session, clock, await access.User(), access.Check, programmeId, impedimentId, resolution, CancellationToken.None);
        }, () => Task.CompletedTask);
}
