using NodaTime;
using Obeya.Domain.Sessions;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Rhythm;

/// <summary>The sessions of a period: planned against held, on time, within the timebox, who came.</summary>
/// <param name="Planned">Planned sessions whose day has come, cancelled ones left out.</param>
/// <param name="Held">Of those, held (on time or late).</param>
/// <param name="Extra">Sessions held on a day the cadence did not plan.</param>
/// <param name="Ended">Held sessions (planned or extra) that were ended: the ones a timebox can be judged for.</param>
/// <param name="AveragePresent">People marked present per held session, when any was held.</param>
public sealed record SessionFigures(
    int Planned, int Held, int HeldOnTime, int HeldLate, int Missed, int Cancelled, int Extra, int Ended, int TimeboxKept,
    decimal? AveragePresent, int Streak);

/// <param name="LastVisit">The day of the latest session with a coaching conversation, before or in the period.</param>
/// <param name="DaysSince">Days since <paramref name="LastVisit"/>; null when the coach never came.</param>
/// <param name="NotSeenForAtLeast">
/// When only the sessions since some day were looked at and none had the coach: the days since then.
/// </param>
public sealed record CoachFigures(int Visits, LocalDate? LastVisit, int? DaysSince, bool Overdue, int? NotSeenForAtLeast = null);

/// <param name="Due">Steps due in the period, by a day already past.</param>
/// <param name="DoneByDue">Of those, done on or before their due date.</param>
/// <param name="Overdue">Open now and past their due date, on the team's open tracks.</param>
/// <param name="Agreed">Steps agreed in the period.</param>
/// <param name="TooBig">Of those, agreed more than two sessions ahead.</param>
public sealed record StepFigures(int Due, int DoneByDue, int Overdue, int Agreed, int TooBig);

/// <param name="Cycles">Experiments completed with a learning in the period.</param>
/// <param name="ObstacleInFocusDays">The longest any open track has had its obstacle in focus, in days.</param>
/// <param name="ObstacleInFocus">That obstacle, as the board words it.</param>
/// <param name="DaysSinceBoardChanged">Days since the most recently changed open track last changed.</param>
public sealed record BoardFigures(int Cycles, decimal CyclesPerWeek, int? ObstacleInFocusDays, string? ObstacleInFocus, int? DaysSinceBoardChanged);

/// <summary>
/// Whether a team's rhythm holds (Borging, DOMAIN.md), computed from what happened, over a period and as of a moment,
/// in the team's zone. Every warning is a phrase that speaks to the team ("Coach niet gezien sinds 16 dagen").
/// </summary>
public sealed record CadenceHealth(
    Guid TeamId, LocalDate From, LocalDate To, LocalDate AsOf, IReadOnlyList<PlannedSlot> Slots,
    SessionFigures Sessions, CoachFigures Coach, StepFigures Steps, BoardFigures Board, IReadOnlyList<Phrase> Warnings)
{
    public bool RhythmHolds => Warnings.Count == 0;

    /// <summary>Twelve weeks: what the habit calendar on the team page shows.</summary>
    public const int CalendarWeeks = 12;

    /// <summary>A period longer than this is refused: a year and a bit is what a review looks back on.</summary>
    public const int MaxDays = 400;

    /// <summary>Two sessions not held within this many days is a rhythm that slips.</summary>
    public const int MissedWindowDays = 14;

    /// <summary>
    /// The figures from <paramref name="from"/> up to and including <paramref name="to"/>, as they stood at
    /// <paramref name="asOf"/> (nothing later counts). <paramref name="tracks"/> and <paramref name="sessions"/> are
    /// the team's; others are ignored. A reader that looks back only as far as the figures need says so: the coach's
    /// visits are then known from <paramref name="coachKnownSince"/> on, with <paramref name="coachSeenBefore"/> the day
    /// of the last one before the sessions it passed; a coach not seen in all of it is "not seen for at least".
    /// </summary>
    public static CadenceHealth Compute(
        Team team, IReadOnlyList<Session> sessions, IReadOnlyList<Track> tracks, LocalDate from, LocalDate to, Instant asOf,
        LocalDate? coachKnownSince = null, LocalDate? coachSeenBefore = null)
    {
        if (to < from)
        {
            throw new DomainException("to", Phrase.Of("rhythm.periodEndsBeforeStart"));
        }

        if (Period.Between(from, to, PeriodUnits.Days).Days >= MaxDays)
        {
            throw new DomainException("from", Phrase.Of("rhythm.periodTooLong", MaxDays));
        }

        var zone = team.Cadence.GetZone();
        var today = asOf.InZone(zone).Date;
        var ours = sessions.Where(s => s.TeamId == team.Id && s.StartedAt <= asOf).ToList();
        var (slots, extra) = PlannedSessions.Match(team, ours, new DateInterval(from, to), asOf);
        var sessionFigures = SessionsOf(slots, extra, asOf);
        var coach = CoachOf(team, ours, slots, extra, today, coachKnownSince, coachSeenBefore);
        var teamTracks = tracks.Where(t => t.TeamId == team.Id && t.StartedAt <= asOf).ToList();
        var steps = StepsOf(teamTracks, from, to, today, asOf, zone);
        var board = BoardOf(teamTracks, from, to, today, asOf, zone);

        var warnings = new List<Phrase>();
        if (board.DaysSinceBoardChanged > team.Rhythm.StaleBoardDays)
        {
            warnings.Add(Phrase.Of("rhythm.staleBoard", board.DaysSinceBoardChanged));
        }

        if (coach.Overdue)
        {
            warnings.Add(coach switch
            {
                { DaysSince: { } days } => Phrase.Of("rhythm.coachOverdue", days),
                { NotSeenForAtLeast: { } atLeast } => Phrase.Of("rhythm.coachNotSeenFor", atLeast),
                _ => Phrase.Of("rhythm.coachNeverSeen"),
            });
        }

        if (steps.Overdue > 0)
        {
            warnings.Add(steps.Overdue == 1 ? Phrase.Of("rhythm.oneStepOverdue") : Phrase.Of("rhythm.stepsOverdue", steps.Overdue));
        }

        var recentlyMissed = slots.Count(s => s.Outcome == SlotOutcome.Missed && s.Date > today.PlusDays(-MissedWindowDays));
        if (recentlyMissed >= 2)
        {
            warnings.Add(Phrase.Of("rhythm.sessionsMissed", recentlyMissed, MissedWindowDays));
        }

        if (board.ObstacleInFocusDays > team.Rhythm.ObstacleInFocusDays)
        {
            warnings.Add(Phrase.Of("rhythm.obstacleStuck", board.ObstacleInFocusDays, board.ObstacleInFocus));
        }

        return new CadenceHealth(team.Id, from, to, today, slots, sessionFigures, coach, steps, board, warnings);
    }

    /// <summary>The calendar's twelve weeks up to <paramref name="asOf"/>'s week (Monday to Sunday), as of then.</summary>
    public static CadenceHealth Recent(
        Team team, IReadOnlyList<Session> sessions, IReadOnlyList<Track> tracks, Instant asOf,
        LocalDate? coachKnownSince = null, LocalDate? coachSeenBefore = null)
    {
        var (from, to) = CalendarOf(team, asOf);
        return Compute(team, sessions, tracks, from, to, asOf, coachKnownSince, coachSeenBefore);
    }

    /// <summary>
    /// How far back a reader of <see cref="Recent"/> needs the coach's visits: the calendar's first day less the longest
    /// interval a team can set. Sessions themselves it needs from the calendar's first day only.
    /// </summary>
    public static LocalDate CoachNeededSince(Team team, Instant asOf) =>
        CalendarOf(team, asOf).From.PlusDays(-RhythmThresholds.MaxCoachIntervalDays);

    /// <summary>The habit calendar's days: Monday twelve weeks back up to Sunday of <paramref name="asOf"/>'s week.</summary>
    public static (LocalDate From, LocalDate To) CalendarOf(Team team, Instant asOf)
    {
        var sunday = asOf.InZone(team.Cadence.GetZone()).Date.With(DateAdjusters.NextOrSame(IsoDayOfWeek.Sunday));
        return (sunday.PlusWeeks(-CalendarWeeks).PlusDays(1), sunday);
    }

    private static SessionFigures SessionsOf(IReadOnlyList<PlannedSlot> slots, IReadOnlyList<Session> extra, Instant asOf)
    {
        var past = slots.Where(s => s.IsPast && s.Outcome != SlotOutcome.Cancelled).ToList();
        var heldSessions = slots.Where(s => s.WasHeld).Select(s => s.Session!).Concat(extra).ToList();
        var ended = heldSessions.Where(s => s.EndedAt is { } end && end <= asOf).ToList();
        // A minute's grace: ending the session is a click after the last word.
        var kept = ended.Count(s => s.EndedAt!.Value <= s.TimeboxEndsAt + Duration.FromMinutes(1));
        var streak = 0;
        foreach (var slot in slots.Where(s => s.IsPast).Reverse())
        {
            if (slot.Outcome == SlotOutcome.Missed)
            {
                break;
            }

            streak += slot.WasHeld ? 1 : 0;
        }

        return new SessionFigures(
            Planned: past.Count,
            Held: past.Count(s => s.WasHeld),
            HeldOnTime: past.Count(s => s.Outcome == SlotOutcome.Held),
            HeldLate: past.Count(s => s.Outcome == SlotOutcome.HeldLate),
            Missed: past.Count(s => s.Outcome == SlotOutcome.Missed),
            Cancelled: slots.Count(s => s.Outcome == SlotOutcome.Cancelled),
            Extra: extra.Count,
            Ended: ended.Count,
            TimeboxKept: kept,
            AveragePresent: heldSessions.Count == 0 ? null : Math.Round((decimal)heldSessions.Sum(s => s.PresentCount) / heldSessions.Count, 1),
            Streak: streak);
    }

    private static CoachFigures CoachOf(
        Team team, IReadOnlyList<Session> all, IReadOnlyList<PlannedSlot> slots, IReadOnlyList<Session> extra, LocalDate today,
        LocalDate? knownSince, LocalDate? seenBefore)
    {
        var zone = team.Cadence.GetZone();
        var visits = slots.Where(s => s.CoachPresent).Select(s => s.Session!).Concat(extra.Where(Coached)).Count();
        // The last visit may lie before the period: a coach last seen in the previous one is still overdue now.
        var last = all.Where(Coached).Select(s => (LocalDate?)s.StartedAt.InZone(zone).Date).Append(seenBefore).Max();
        var since = last is { } day ? Period.Between(day, today, PeriodUnits.Days).Days : (int?)null;
        // Never seen is overdue once the team has existed longer than the interval.
        var existedSince = team.CadenceHistory[0].From == Instant.MinValue ? (LocalDate?)null : team.CadenceHistory[0].From.InZone(zone).Date;
        var overdue = since is { } days
            ? days > team.Rhythm.CoachIntervalDays
            : existedSince is { } created && Period.Between(created, today, PeriodUnits.Days).Days > team.Rhythm.CoachIntervalDays;
        // Not found since the day the sessions start, by a team older than that: seen before, perhaps, but long ago.
        var atLeast = last is null && knownSince is { } start && (existedSince is null || existedSince < start)
            ? Period.Between(start, today, PeriodUnits.Days).Days
            : (int?)null;
        return new CoachFigures(visits, last, since, overdue, atLeast);
    }

    private static bool Coached(Session session) => session.Coaching is { Answers.Count: > 0 };

    private static StepFigures StepsOf(IReadOnlyList<Track> tracks, LocalDate from, LocalDate to, LocalDate today, Instant asOf, DateTimeZone zone)
    {
        var steps = tracks.SelectMany(t => t.SmallSteps.Select(s => (Track: t, Step: s)))
            .Where(x => x.Step.AgreedAt is not { } agreed || agreed <= asOf)
            .ToList();
        var due = steps.Where(x => x.Step.Due >= from && x.Step.Due <= to && x.Step.Due < today && !DroppedBy(x.Step, x.Step.Due, zone, asOf)).ToList();
        var doneByDue = due.Count(x => x.Step.State == SmallStepState.Done
            && (x.Step.ClosedAt is not { } done || (done <= asOf && done.InZone(zone).Date <= x.Step.Due)));
        var overdue = steps.Count(x => !x.Track.IsClosed && x.Step.IsOpenAt(asOf) && x.Step.Due < today);
        var agreed = steps.Where(x => x.Step.AgreedAt is { } at && In(at, from, to, zone)).ToList();
        return new StepFigures(due.Count, doneByDue, overdue, agreed.Count, agreed.Count(x => x.Step.IsTooBig));
    }

    /// <summary>A step dropped by its due date (as of <paramref name="asOf"/>) was not due any more.</summary>
    private static bool DroppedBy(SmallStep step, LocalDate due, DateTimeZone zone, Instant asOf) =>
        step.State == SmallStepState.Dropped && step.ClosedAt is { } closed && closed <= asOf && closed.InZone(zone).Date <= due;

    private static BoardFigures BoardOf(IReadOnlyList<Track> tracks, LocalDate from, LocalDate to, LocalDate today, Instant asOf, DateTimeZone zone)
    {
        var cycles = tracks.SelectMany(t => t.Experiments)
            .Count(e => e.Learned is not null && (e.LearnedAt is { } at ? at <= asOf && In(at, from, to, zone) : e.On >= from && e.On <= to));
        var days = Period.Between(from, to, PeriodUnits.Days).Days + 1;
        var open = tracks.Where(t => !t.IsClosed || t.Closure!.At > asOf).ToList();
        var longest = open.Where(t => t.FocusedSince is { } since && since <= asOf && t.FocusedObstacle is not null).MinBy(t => t.FocusedSince);
        var inFocus = longest is null ? (int?)null : Period.Between(longest.FocusedSince!.Value.InZone(zone).Date, today, PeriodUnits.Days).Days;
        var lastChange = open.Count == 0 ? (Instant?)null : open.Max(t => LastChangeBy(t, asOf));
        return new BoardFigures(
            cycles,
            Math.Round(cycles * 7m / days, 2),
            inFocus,
            longest?.FocusedObstacle!.Text,
            lastChange is { } change ? Period.Between(change.InZone(zone).Date, today, PeriodUnits.Days).Days : null);
    }

    /// <summary>
    /// When the track last changed by <paramref name="asOf"/>: its last change if that came before, else the latest of
    /// the dated facts it keeps (a look back at an earlier date does not know every change in between).
    /// </summary>
    private static Instant LastChangeBy(Track track, Instant asOf)
    {
        if (track.LastChangedAt <= asOf)
        {
            return track.LastChangedAt;
        }

        IEnumerable<Instant?> facts =
        [
            track.StartedAt, track.FocusedSince,
            .. track.SmallSteps.SelectMany(s => new[] { s.AgreedAt, s.ClosedAt }),
            .. track.Experiments.Select(e => e.LearnedAt),
            .. track.Obstacles.Select(o => (Instant?)o.AddedAt),
            .. track.TargetConditions.Select(t => (Instant?)t.SetAt),
        ];
        return facts.OfType<Instant>().Where(at => at <= asOf).DefaultIfEmpty(track.StartedAt).Max();
    }

    private static bool In(Instant moment, LocalDate from, LocalDate to, DateTimeZone zone)
    {
        var date = moment.InZone(zone).Date;
        return date >= from && date <= to;
    }
}

/// <summary>The programme overview's order: the team whose rhythm slips most first, so a director reads down to the healthy.</summary>
public static class RhythmOverview
{
    /// <summary>Most warnings first, then most sessions missed, then the smallest share of planned sessions held.</summary>
    public static IReadOnlyList<CadenceHealth> WorstFirst(IEnumerable<CadenceHealth> teams) =>
        [.. teams
            .OrderByDescending(h => h.Warnings.Count)
            .ThenByDescending(h => h.Sessions.Missed)
            .ThenBy(h => h.Sessions.Planned == 0 ? 1m : (decimal)h.Sessions.Held / h.Sessions.Planned)];
}
