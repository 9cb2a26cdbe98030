using Marten;
using Marten.Linq.MatchesSql;
using NodaTime;
using NodaTime.Text;
using Obeya.Domain;
using Obeya.Domain.Access;
using Obeya.Domain.Rhythm;
using Obeya.Domain.Sessions;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Web.Access;
using Obeya.Web.Accounts;
using Obeya.Web.Language;
using Obeya.Web.Teams;
using Obeya.Web.Tracks;

namespace Obeya.Web.Rhythm;

/// <summary>One planned session as the API and the habit calendar show it.</summary>
public sealed record SlotView(
    LocalDate Date, Instant PlannedStart, SlotOutcome Outcome, string? CancelledBecause, Guid? SessionId, Instant? StartedAt,
    bool CoachPresent, int? Present);

/// <summary>A warning in the reader's language, with the key a client can act on.</summary>
public sealed record WarningView(string Key, string Text);

/// <summary>A team's cadence health (Borging) as the API answers it; the figures are the domain's own.</summary>
public sealed record CadenceHealthView(
    Guid TeamId, string TeamName, LocalDate From, LocalDate To, LocalDate AsOf, bool RhythmHolds, IReadOnlyList<WarningView> Warnings,
    SessionFigures Sessions, CoachFigures Coach, StepFigures Steps, BoardFigures Board, RhythmThresholds Thresholds,
    IReadOnlyList<Cancellation> Cancellations, IReadOnlyList<SlotView> Slots)
{
    public static CadenceHealthView Of(Team team, CadenceHealth health) => new(
        team.Id, team.Name, health.From, health.To, health.AsOf, health.RhythmHolds,
        [.. health.Warnings.Select(w => new WarningView(w.Key, w.Worded()))],
        health.Sessions, health.Coach, health.Steps, health.Board, team.Rhythm, team.Cancellations,
        [.. health.Slots.Select(s => new SlotView(
            s.Date, s.PlannedStart.ToInstant(), s.Outcome, s.CancelledBecause, s.Session?.Id, s.Session?.StartedAt, s.CoachPresent,
            s.Session?.PresentCount))]);
}

/// <summary>What the rhythm is computed from: the team, its sessions and its tracks, as stored now.</summary>
public static class CadenceHealthReads
{
    public static async Task<CadenceHealth> ComputeAsync(
        IQuerySession session, Team team, LocalDate from, LocalDate to, Instant asOf, CancellationToken ct)
    {
        var (sessions, tracks) = await HistoryOf(session, team.Id, ct);
        return CadenceHealth.Compute(team, sessions, tracks, from, to, asOf);
    }

    /// <summary>The twelve weeks of the habit calendar, as of now.</summary>
    public static async Task<CadenceHealth> RecentAsync(IQuerySession session, Team team, Instant now, CancellationToken ct)
    {
        var (sessions, tracks) = await HistoryOf(session, team.Id, ct);
        return CadenceHealth.Recent(team, sessions, tracks, now);
    }

    /// <summary>
    /// The twelve weeks of every team in <paramref name="teams"/>, as of now, from two queries whatever their number:
    /// what the Obeya's roll-up and the programme's rhythm overview read.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, CadenceHealth>> RecentAsync(
        IQuerySession session, IReadOnlyList<Team> teams, Instant now, CancellationToken ct)
    {
        if (teams.Count == 0)
        {
            return new Dictionary<Guid, CadenceHealth>();
        }

        var ids = teams.Select(t => t.Id).ToArray();
        // Whole sessions for the calendar's weeks only; before them, only the moments the coach came, as far back as
        // the longest interval a team can set. A day's margin on each covers every team's zone.
        var calendarFrom = teams.Min(t => CadenceHealth.CalendarOf(t, now).From).PlusDays(-1);
        var coachFrom = teams.Min(t => CadenceHealth.CoachNeededSince(t, now)).PlusDays(-1);
        var (recentFrom, visitsFrom) = (Iso(calendarFrom), Iso(coachFrom));
        var batch = session.CreateBatchQuery();
        var recent = batch.Query<Session>()
            .Where(s => s.TeamId.IsOneOf(ids))
            .Where(s => s.MatchesSql("(data ->> 'startedAt') >= ?", recentFrom))
            .ToList();
        var visits = batch.Query<Session>()
            .Where(s => s.TeamId.IsOneOf(ids))
            .Where(s => s.MatchesSql(
                "(data ->> 'startedAt') >= ? and (data ->> 'startedAt') < ? and jsonb_array_length(coalesce(data -> 'coaching' -> 'answers', '[]'::jsonb)) > 0",
                visitsFrom, recentFrom))
            .Select(s => new CoachVisit(s.TeamId, s.StartedAt))
            .ToList();
        var tracks = batch.Query<Track>().Where(t => t.TeamId.IsOneOf(ids)).ToList();
        await batch.Execute(ct);
        var sessionsOf = (await recent).ToLookup(s => s.TeamId);
        var visitsOf = (await visits).ToLookup(v => v.TeamId);
        var tracksOf = (await tracks).ToLookup(t => t.TeamId);
        return teams.ToDictionary(t => t.Id, t => CadenceHealth.Recent(
            t, [.. sessionsOf[t.Id]], [.. tracksOf[t.Id]], now, CadenceHealth.CoachNeededSince(t, now),
            visitsOf[t.Id].Select(v => (LocalDate?)v.At.InZone(t.Cadence.GetZone()).Date).Max()));
    }

    private sealed record CoachVisit(Guid TeamId, Instant At);

    /// <summary>A day's start as the store writes an instant: ISO text, which sorts as the instants do to the second.</summary>
    private static string Iso(LocalDate day) => InstantPattern.ExtendedIso.Format(day.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant());

    /// <summary>The open steps of whoever has <paramref name="email"/>, on every team they are a member of.</summary>
    public static async Task<IReadOnlyList<MyStep>> MyStepsAsync(IQuerySession session, string email, CancellationToken ct)
    {
        var teams = await session.Query<Team>().ToListAsync(ct);
        var theirs = teams.Where(t => t.Members.Any(m => string.Equals(m.Email, email, StringComparison.OrdinalIgnoreCase))).Select(t => t.Id).ToArray();
        var tracks = await session.Query<Track>().Where(t => t.TeamId.IsOneOf(theirs)).ToListAsync(ct);
        return MySteps.Of(email, teams, tracks);
    }

    private static async Task<(IReadOnlyList<Session>, IReadOnlyList<Track>)> HistoryOf(IQuerySession session, Guid teamId, CancellationToken ct)
    {
        var sessions = await session.Query<Session>().Where(s => s.TeamId == teamId).ToListAsync(ct);
        var tracks = await session.Query<Track>().Where(t => t.TeamId == teamId).ToListAsync(ct);
        return (sessions, tracks);
    }
}

public static class RhythmEndpoints
{
    public static IEndpointRouteBuilder MapRhythm(this IEndpointRouteBuilder api)
    {
        api.MapGet("/teams/{teamId:guid}/cadence-health", GetCadenceHealth).WithTags("Teams").Requires(Permission.ReadBoards)
            .WithSummary("Whether the team's rhythm holds (Borging): sessions planned against held, the coach's visits, steps, PDCA cycles, "
                + "from..to (dates; default the twelve weeks of the habit calendar) as of asOf (a date, the end of that day in the team's zone, "
                + "or an instant; default now)");
        api.MapGet("/me/steps", GetMySteps).WithTags("Teams").RequiresSignIn()
            .WithSummary("Your open small steps on the open tracks of every team you are a member of, by due date (overdue first)");
        return api;
    }

    private static async Task<IReadOnlyList<MyStep>> GetMySteps(HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var me = CurrentUser.Of(http) ?? throw new InvalidOperationException("A signed-in request has an account.");
        return await CadenceHealthReads.MyStepsAsync(session, me.Email, ct);
    }

    private static async Task<CadenceHealthView> GetCadenceHealth(
        Guid teamId, string? from, string? to, string? asOf, IQuerySession session, IClock clock, CancellationToken ct)
    {
        var team = await TeamEndpoints.LoadTeam(session, teamId, ct);
        var zone = team.Cadence.GetZone();
        var now = clock.GetCurrentInstant();
        // Nothing is known about what has not happened yet: a later moment reads as now.
        var moment = asOf is null ? now : Instant.Min(TrackEndpoints.MomentOf(asOf, zone), now);
        var day = moment.InZone(zone).Date;
        var calendar = CadenceHealth.CalendarOf(team, moment);
        var first = DateOf("from", from) ?? (to is null ? calendar.From : DateOf("to", to)!.Value.PlusWeeks(-CadenceHealth.CalendarWeeks).PlusDays(1));
        var last = DateOf("to", to) ?? (from is null ? calendar.To : LocalDate.Max(first, day));
        var health = await CadenceHealthReads.ComputeAsync(session, team, first, last, moment, ct);
        return CadenceHealthView.Of(team, health);
    }

    private static LocalDate? DateOf(string field, string? value) =>
        value is null
            ? null
            : LocalDatePattern.Iso.Parse(value) is { Success: true } date
                ? Bounds.Date(field, date.Value)
                : throw new DomainException(field, Phrase.Of("audit.dateFormat"));
}

/// <summary>One team's line in a programme's rhythm overview: whether it holds, why not, and its figures.</summary>
public sealed record TeamRhythmView(
    Guid TeamId, string TeamName, bool RhythmHolds, IReadOnlyList<WarningView> Warnings, LocalDate From, LocalDate To,
    SessionFigures Sessions, CoachFigures Coach, StepFigures Steps, BoardFigures Board)
{
    /// <summary>The teams of the programme's tracks, worst first, then by name.</summary>
    public static IReadOnlyList<TeamRhythmView> Overview(Programmes.ObeyaView view) =>
        [.. RhythmOverview.WorstFirst(view.Rhythms.Values.OrderBy(h => view.TeamName(h.TeamId), StringComparer.CurrentCulture))
            .Select(h => new TeamRhythmView(
                h.TeamId, view.TeamName(h.TeamId), h.RhythmHolds, [.. h.Warnings.Select(w => new WarningView(w.Key, w.Worded()))],
                h.From, h.To, h.Sessions, h.Coach, h.Steps, h.Board))];
}
