using NodaTime;
using Obeya.Domain.Teams;

namespace Obeya.Domain.Tests.Teams;

/// <summary>The default cadence: Tuesday and Thursday at 09:00 in Amsterdam (UTC+1 in November, UTC+2 in June).</summary>
public class SessionCadenceTests
{
    private static readonly SessionCadence Cadence = SessionCadence.Default;

    private static readonly LocalDate Tuesday = new(2026, 11, 24);
    private static readonly LocalDate Thursday = new(2026, 11, 26);

    /// <summary>A moment given as Amsterdam wall-clock time in November (CET, UTC+1).</summary>
    private static Instant Amsterdam(int day, int hour, int minute = 0) => Instant.FromUtc(2026, 11, day, hour - 1, minute);

    [Theory]
    [InlineData(6, 0)]
    [InlineData(8, 59)]
    [InlineData(9, 0)]
    public void a_session_later_today_or_starting_right_now_is_the_next_one(int hour, int minute) =>
        Cadence.NextSessionStart(Amsterdam(24, hour, minute)).LocalDateTime.Should().Be(new LocalDateTime(2026, 11, 24, 9, 0));

    [Theory]
    [InlineData(9, 1)]
    [InlineData(17, 0)]
    public void after_todays_session_time_the_next_session_is_the_next_cadence_day(int hour, int minute) =>
        Cadence.NextSessionStart(Amsterdam(24, hour, minute)).LocalDateTime.Should().Be(new LocalDateTime(2026, 11, 26, 9, 0));

    [Fact]
    public void after_the_last_session_of_the_week_the_next_one_is_next_week() =>
        Cadence.NextSessionStart(Amsterdam(26, 10)).LocalDateTime.Should().Be(new LocalDateTime(2026, 12, 1, 9, 0));

    [Fact]
    public void the_session_time_is_read_in_the_teams_zone_not_in_utc()
    {
        // 08:30 UTC on Tuesday is 09:30 in Amsterdam: today's session has started.
        Cadence.NextSessionStart(Instant.FromUtc(2026, 11, 24, 8, 30)).LocalDateTime.Should().Be(new LocalDateTime(2026, 11, 26, 9, 0));

        var utcCadence = Cadence with { TimeZone = "Etc/UTC" };
        utcCadence.NextSessionStart(Instant.FromUtc(2026, 11, 24, 8, 30)).LocalDateTime.Should().Be(new LocalDateTime(2026, 11, 24, 9, 0));
    }

    [Fact]
    public void in_summer_time_the_session_is_still_at_nine_local_time()
    {
        // Tuesday 2 June 2026, 06:30 UTC is 08:30 CEST.
        var next = Cadence.NextSessionStart(Instant.FromUtc(2026, 6, 2, 6, 30));

        next.LocalDateTime.Should().Be(new LocalDateTime(2026, 6, 2, 9, 0));
        next.ToInstant().Should().Be(Instant.FromUtc(2026, 6, 2, 7, 0));
    }

    [Theory]
    [InlineData(24, 1)]
    [InlineData(26, 2)]
    [InlineData(30, 2)]
    public void sessions_until_counts_the_sessions_from_monday_up_to_and_including_the_due_date(int dueDay, int sessions) =>
        Cadence.SessionsUntil(Amsterdam(23, 9), new LocalDate(2026, 11, dueDay)).Should().Be(sessions);

    [Fact]
    public void sessions_until_the_tuesday_after_next_is_three() =>
        Cadence.SessionsUntil(Amsterdam(23, 9), new LocalDate(2026, 12, 1)).Should().Be(3);

    [Fact]
    public void a_session_later_today_counts()
    {
        Cadence.SessionsUntil(Amsterdam(24, 8), Tuesday).Should().Be(1);
        Cadence.SessionsUntil(Amsterdam(24, 8), Thursday).Should().Be(2);
    }

    [Fact]
    public void after_todays_session_time_todays_session_does_not_count()
    {
        Cadence.SessionsUntil(Amsterdam(24, 10), Tuesday).Should().Be(0);
        Cadence.SessionsUntil(Amsterdam(24, 10), Thursday).Should().Be(1);
    }

    [Fact]
    public void a_due_date_before_the_next_session_is_zero_sessions_ahead() =>
        Cadence.SessionsUntil(Amsterdam(23, 9), new LocalDate(2026, 11, 23)).Should().Be(0);

    [Fact]
    public void a_daily_cadence_counts_every_day()
    {
        var daily = Cadence with { Days = [.. Enumerable.Range(1, 7).Select(d => (IsoDayOfWeek)d)] };

        daily.SessionsUntil(Amsterdam(23, 8), new LocalDate(2026, 11, 29)).Should().Be(7);
    }
}
