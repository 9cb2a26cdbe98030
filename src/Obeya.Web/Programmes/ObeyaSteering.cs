using Obeya.Domain;
using Obeya.Domain.Accounts;
using Obeya.Domain.Programmes;
using Obeya.Web.Access;
using Obeya.Web.Components;
using Obeya.Web.Infrastructure.Reads;
using Obeya.Web.Infrastructure.Writes;
using Radzen;

namespace Obeya.Web.Programmes;

/// <summary>
/// How the Obeya views steer: the same writes as the API, as the circuit's user, a refusal as a Dutch notice. The
/// views hear their own change through the live feed, like everyone else's.
/// </summary>
public sealed class ObeyaSteering(Writer writer, StoredStreams reads, ScreenAccess access, NotificationService notices)
{
    public Task<bool> MaySteer() => access.Holds(GlobalRole.ProgrammeDirector);

    public Task<bool> Change(Guid programmeId, Func<Programme, Actor, NodaTime.Instant, object> decide) =>
        ScreenWrites.Try(notices, async () =>
            await ProgrammeEndpoints.ChangeAsync(writer, reads, access.Check, await access.User(), programmeId, decide, CancellationToken.None),
            () => Task.CompletedTask);

    public Task<bool> Resolve(Guid programmeId, Guid impedimentId, string? resolution) =>
        ScreenWrites.Try(notices, async () =>
            await ProgrammeEndpoints.ResolveAsync(writer, reads, access.Check, await access.User(), programmeId, impedimentId, resolution, CancellationToken.None),
            () => Task.CompletedTask);
}
