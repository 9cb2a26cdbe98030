using NodaTime;
using Obeya.Domain.Teams;

namespace Obeya.Domain.Sessions;

/// <summary>
/// When the team next meets, knowing the session running now: a planned start that the running session covers (it
/// started a little early, or the clock is still inside its timebox) is that session, not the next one.
/// </summary>
public static class NextSession
{
    public static ZonedDateTime After(SessionCadence cadence, Session? running, Instant now)
    {
        if (running is not { IsOpen: true })
        {
            return cadence.NextSessionStart(now);
        }

        // The running session holds every planned start up to the end of its timebox (or now, when it runs over).
        var held = running.TimeboxEndsAt > now ? running.TimeboxEndsAt : now;
        return cadence.NextSessionStart(held + Duration.FromSeconds(1));
    }
}
