using NodaTime;

namespace Obeya.Domain.Teams;

/// <summary>When a team holds its stand-ups: which weekdays, at what time, how long, in which zone.</summary>
public sealed record SessionCadence(IReadOnlyList<IsoDayOfWeek> Days, LocalTime StartsAt, int DurationMinutes, string TimeZone)
{
    public const string DefaultTimeZone = "Europe/Amsterdam";

    public const int MinDurationMinutes = 5;

    public const int MaxDurationMinutes = 240;

    /// <summary>Tuesday and Thursday, 30 minutes at 09:00, Amsterdam: the rhythm most teams start with.</summary>
    public static SessionCadence Default { get; } =
        new([IsoDayOfWeek.Tuesday, IsoDayOfWeek.Thursday], new LocalTime(9, 0), 30, DefaultTimeZone);

    public DateTimeZone GetZone() => DateTimeZoneProviders.Tzdb[TimeZone];

    public SessionCadence Validated()
    {
        if (Days is null || Days.Count == 0 || Days.Any(d => d is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday))
        {
            throw new DomainException("cadence.days", Phrase.Of("team.chooseDay"));
        }

        if (DurationMinutes is < MinDurationMinutes or > MaxDurationMinutes)
        {
            throw new DomainException("cadence.durationMinutes", Phrase.Of("team.sessionDuration", MinDurationMinutes, MaxDurationMinutes));
        }

        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone ?? "") is null)
        {
            throw new DomainException("cadence.timeZone", Phrase.Of("team.unknownTimeZone", TimeZone));
        }

        return this with { Days = [.. Days.Distinct().Order()] };
    }

    /// <summary>
    /// How many sessions fall after <paramref name="now"/> up to and including <paramref name="due"/>: a step due by the
    /// next session is 1 ahead. Counting stops at a year, which is far past "too big" anyway.
    /// </summary>
    public int SessionsUntil(Instant now, LocalDate due)
    {
        var next = NextSessionStart(now);
        var count = 0;
        for (var date = next.Date; date <= due && count <= 366; date = date.PlusDays(1))
        {
            if (Days.Contains(date.DayOfWeek))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The start of the first session at or after <paramref name="now"/>.</summary>
    public ZonedDateTime NextSessionStart(Instant now)
    {
        var zone = GetZone();
        var local = now.InZone(zone).LocalDateTime;
        for (var offset = 0; offset <= 7; offset++)
        {
            var date = local.Date.PlusDays(offset);
            if (Days.Contains(date.DayOfWeek) && (offset > 0 || local.TimeOfDay <= StartsAt))
            {
                return (date + StartsAt).InZoneLeniently(zone);
            }
        }

        throw new InvalidOperationException("A cadence has at least one day, so a session falls within eight days.");
    }
}
