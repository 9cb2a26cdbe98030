using System.Security.Claims;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using NodaTime;
using Obeya.Domain;
using Obeya.Domain.Access;
using Obeya.Domain.Accounts;
using Obeya.Domain.Processes;
using Obeya.Domain.Signals;
using Obeya.Domain.Tracks;
using Obeya.Web.Access;
using Obeya.Web.Accounts;
using Obeya.Web.Infrastructure;
using Obeya.Web.Infrastructure.Writes;
using Obeya.Web.Programmes;
using Obeya.Web.Teams;
using Obeya.Web.Tracks;

namespace Obeya.Web.Signals;

public sealed record AddSignalThemeRequest(string Name, Guid? Id = null);

public sealed record RenameSignalThemeRequest(string Name);

/// <param name="On">The day the signal came in; none: today in the organisation's zone.</param>
public sealed record RecordSignalRequest(Channel Channel, LocalDate? On = null, int Count = 1, Guid? ProcessId = null, string? Description = null, Guid? Id = null);

/// <param name="SignalIds">Recorded signals to promote; none: the theme as a whole.</param>
/// <param name="Id">The promotion's id, which is also the obstacle's on the board.</param>
public sealed record PromoteSignalsRequest(Guid TrackId, IReadOnlyList<Guid>? SignalIds = null, string? Text = null, Guid? ProcessId = null, Guid? Id = null);

public sealed record ReportBackRequest(string How);

/// <summary>A theme in the list: how much it counts, where it is going, how much was reported back.</summary>
public sealed record SignalThemeSummary(
    Guid Id, string Name, int Total, int LastFourWeeks, TrendDirection? Trend, decimal? ShareReportedBack, int Promotions, Instant LastChangedAt);

public sealed record SignalView(
    Guid Id, Channel Channel, LocalDate On, int Count, Guid? ProcessId, string? Description, Instant RecordedAt, SignalReport? ReportedBack, Guid? PromotionId);

/// <summary>A promotion with the way back: the obstacle on the board and what became of it.</summary>
public sealed record SignalPromotionView(
    Guid Id, int Signals, Guid TrackId, string TrackTitle, Guid TeamId, Guid ObstacleId, string? ObstacleText, Guid? ProcessId,
    ObstacleState? State, string? Note, Instant At);

public sealed record ChannelCount(Channel Channel, int Count);

/// <summary>A theme as its chart shows it: every week's count up to this one, the forecast of the coming weeks, and what became of it.</summary>
public sealed record SignalThemeView(
    Guid Id, string Name, int Total, decimal? ShareReportedBack, TrendDirection? Trend, string ForecastMethod,
    IReadOnlyList<WeekCount> Weeks, IReadOnlyList<WeekForecast> Forecast, IReadOnlyList<ChannelCount> Channels,
    IReadOnlyList<SignalView> Signals, IReadOnlyList<SignalPromotionView> Promotions, Instant LastChangedAt);

public sealed class SignalThemeProjection : DomainProjection<SignalTheme>
{
    public override SignalTheme? Evolve(SignalTheme? snapshot, Guid id, IEvent e) =>
        e.Data is SignalThemeAdded added ? SignalTheme.From(added) : snapshot?.With(e.Data);
}

/// <summary>
/// Customer signals ("Klantsignalen") through the API: everyone signed in reads the themes (counts and short
/// descriptions, never more) and records signals; the beheerder keeps the list of themes; whoever may change a team's
/// board puts signals on it as an obstacle.
/// </summary>
public static class SignalEndpoints
{
    public static readonly StreamKind<SignalTheme> Kind = new(ThemeNotFound);

    /// <summary>The organisation's zone: what "today" is for a signal recorded without a date.</summary>
    public static DateTimeZone Zone => ProgrammeEndpoints.Zone;

    /// <summary>How many coming weeks the forecast shows: a quarter, enough to see a peak coming and plan for it.</summary>
    public const int ForecastWeeks = 13;

    /// <summary>The recorded signals a theme's answer lists, newest first; its counts hold them all.</summary>
    public const int SignalsShown = 200;

    public const string ForecastMethod = "seasonal-naive-level";

    public static DomainException ThemeNotFound() => DomainException.NotFound("themeId", Phrase.Of("signals.themeNotFound"));

    public static StoreOptions ConfigureSignals(this StoreOptions options)
    {
        options.Projections.Add<SignalThemeProjection>(ProjectionLifecycle.Inline);
        return options;
    }

    public static IEndpointRouteBuilder MapSignals(this IEndpointRouteBuilder api)
    {
        var themes = api.MapGroup("/signal-themes").WithTags("Signals");
        themes.MapGet("/", async (IQuerySession session, IClock clock, CancellationToken ct) => await Themes(session, clock.GetCurrentInstant(), ct))
            .RequiresSignIn().WithSummary("The organisation's signal themes by name, with their counts, trend and share reported back");
        themes.MapPost("/", AddTheme).Requires(GlobalRole.Administrator).WithSummary("Add a theme to the organisation's list (beheerder)");
        themes.MapPut("/{themeId:guid}", RenameTheme).Requires(GlobalRole.Administrator).WithSummary("Rename a theme (beheerder)");
        themes.MapGet("/{themeId:guid}", async (Guid themeId, IQuerySession session, IClock clock, CancellationToken ct) =>
                await ViewOf(session, themeId, clock.GetCurrentInstant(), ct))
            .RequiresSignIn().WithSummary($"A theme's counts per ISO week up to this one, its trend, the seasonal forecast of the coming {ForecastWeeks} weeks "
                + "(each week the mean of the same week in earlier years, scaled by the last 8 weeks against a year before), its recent signals and promotions");
        themes.MapPost("/{themeId:guid}/signals", Record).RequiresSignIn()
            .WithSummary("Record a signal or a tally of them (count), without client data: a BSN is refused, e-mail and phone warned");
        themes.MapPost("/{themeId:guid}/signals/{signalId:guid}/reported-back", ReportBack).RequiresSignIn()
            .WithSummary("Mark a signal as reported back to the customer, with how");
        themes.MapPost("/{themeId:guid}/promotions", Promote).RequiresSignIn()
            .WithSummary("Put the theme, or some of its signals, on a team's board as an obstacle (needs the right to change that board)");
        api.MapSignalImport();
        return api;
    }

    public static async Task<IReadOnlyList<SignalThemeSummary>> Themes(IQuerySession session, Instant now, CancellationToken ct)
    {
        var themes = await session.Query<SignalTheme>().ToListAsync(ct);
        var thisWeek = IsoWeek.Of(now.InZone(Zone).Date);
        return [.. themes.OrderBy(t => t.Name, StringComparer.CurrentCulture).Select(t =>
        {
            var complete = CompleteWeeks(t, thisWeek);
            return new SignalThemeSummary(
                t.Id, t.Name, t.Total, complete.TakeLast(4).Sum(w => w.Count), SignalTrend.Of(complete), t.ShareReportedBack, t.Promotions.Count,
                t.LastChangedAt);
        })];
    }

    /// <summary>The weeks before this one, up to the last: this week is still being counted, so trend and forecast leave it out.</summary>
    private static IReadOnlyList<WeekCount> CompleteWeeks(SignalTheme theme, IsoWeek thisWeek) =>
        WeeklyTallies.Of(theme.Counts().Where(c => c.On < thisWeek.Monday), through: thisWeek.Monday.PlusDays(-1));

    public static async Task<SignalThemeView> ViewOf(IQuerySession session, Guid themeId, Instant now, CancellationToken ct)
    {
        var theme = await LoadTheme(session, themeId, ct);
        var today = now.InZone(Zone).Date;
        var thisWeek = IsoWeek.Of(today);
        var complete = CompleteWeeks(theme, thisWeek);
        var weeks = WeeklyTallies.Of(theme.Counts().Where(c => c.On <= today), through: today);
        var trackIds = theme.Promotions.Select(p => p.TrackId).Distinct().ToArray();
        var tracks = trackIds.Length == 0 ? [] : (await session.LoadManyAsync<Track>(ct, trackIds)).ToDictionary(t => t.Id);
        return new SignalThemeView(
            theme.Id, theme.Name, theme.Total, theme.ShareReportedBack, SignalTrend.Of(complete), ForecastMethod,
            weeks, SeasonalForecast.Of(complete, ForecastWeeks + 1).Where(f => f.Week != thisWeek).Take(ForecastWeeks).ToList(),
            [.. theme.Imported.Select(c => (c.Channel, c.Count)).Concat(theme.Signals.Select(s => (s.Channel, s.Count)))
                .GroupBy(c => c.Channel).OrderBy(g => g.Key).Select(g => new ChannelCount(g.Key, g.Sum(c => c.Count)))],
            [.. theme.Signals.OrderByDescending(s => s.On).ThenByDescending(s => s.RecordedAt).Take(SignalsShown)
                .Select(s => new SignalView(s.Id, s.Channel, s.On, s.Count, s.ProcessId, s.Description, s.RecordedAt, s.ReportedBack, s.PromotionId))],
            [.. theme.Promotions.OrderByDescending(p => p.At).Select(p =>
            {
                var track = tracks.GetValueOrDefault(p.TrackId);
                var outcome = p.OutcomeOn(track);
                return new SignalPromotionView(
                    p.Id, p.Signals, p.TrackId, track?.Title ?? "–", track?.TeamId ?? Guid.Empty, p.ObstacleId,
                    track?.Obstacles.FirstOrDefault(o => o.Id == p.ObstacleId)?.Text, p.ProcessId, outcome.State, outcome.Note, p.At);
            })],
            theme.LastChangedAt);
    }

    public static async Task<SignalTheme> LoadTheme(IQuerySession session, Guid themeId, CancellationToken ct) =>
        (themeId == Guid.Empty ? null : await session.LoadAsync<SignalTheme>(themeId, ct)) ?? throw ThemeNotFound();

    private static async Task<IResult> AddTheme(AddSignalThemeRequest r, HttpContext http, Writer writer, IQuerySession session, CancellationToken ct)
    {
        var written = await AddThemeAsync(writer, session, http.User, r.Id ?? Guid.CreateVersion7(), r.Name, ct);
        return ApiAnswers.Written(http, written, written.StreamId, createdAt: $"/api/v1/signal-themes/{written.StreamId}");
    }

    /// <summary>A theme added to the list, from the API and the screen alike (both asked for the beheerder first).</summary>
    public static async Task<Written> AddThemeAsync(Writer writer, IQuerySession session, ClaimsPrincipal user, Guid themeId, string name, CancellationToken ct)
    {
        var themes = await session.Query<SignalTheme>().ToListAsync(ct);
        var added = SignalDecisions.Add(themeId, name, themes, Actors.Of(user), writer.Now);
        return await writer.Start(Kind, added.ThemeId, [added], ct);
    }

    private static async Task<IResult> RenameTheme(Guid themeId, RenameSignalThemeRequest r, HttpContext http, Writer writer, IQuerySession session, CancellationToken ct)
    {
        var themes = await session.Query<SignalTheme>().ToListAsync(ct);
        var by = Actors.Of(http.User);
        var written = await writer.Change(Kind, themeId, Versioning.Newest, _ => Task.CompletedTask,
            (theme, now) => [SignalDecisions.Rename(theme, r.Name, themes, by, now)], ct);
        return ApiAnswers.Written(http, written, themeId);
    }

    private static async Task<IResult> Record(Guid themeId, RecordSignalRequest r, HttpContext http, Writer writer, IQuerySession session, CancellationToken ct)
    {
        var (written, signalId) = await RecordAsync(writer, session, http.User, themeId, r, ct);
        return ApiAnswers.Written(http, written, signalId, createdAt: $"/api/v1/signal-themes/{themeId}");
    }

    /// <summary>A signal recorded, from the API and the screen alike: a process it names must be in the catalogue.</summary>
    public static async Task<(Written Written, Guid SignalId)> RecordAsync(
        Writer writer, IQuerySession session, ClaimsPrincipal user, Guid themeId, RecordSignalRequest r, CancellationToken ct)
    {
        if (r.ProcessId is { } processId && (processId == Guid.Empty || await session.LoadAsync<Process>(processId, ct) is null))
        {
            throw DomainException.NotFound("processId", Phrase.Of("process.notFound"));
        }

        var signalId = r.Id ?? Guid.CreateVersion7();
        var by = Actors.Of(user);
        var written = await writer.Change(Kind, themeId, Versioning.Newest, _ => Task.CompletedTask, (theme, now) =>
            [SignalDecisions.Record(theme, new RecordSignal(signalId, r.Channel, r.On ?? now.InZone(Zone).Date, r.Count, r.ProcessId, r.Description), by, now)], ct);
        return (written, signalId);
    }

    private static async Task<IResult> ReportBack(Guid themeId, Guid signalId, ReportBackRequest r, HttpContext http, Writer writer, CancellationToken ct) =>
        ApiAnswers.Written(http, await ReportBackAsync(writer, http.User, themeId, signalId, r.How, ct), signalId);

    public static Task<Written> ReportBackAsync(Writer writer, ClaimsPrincipal user, Guid themeId, Guid signalId, string? how, CancellationToken ct)
    {
        var by = Actors.Of(user);
        return writer.Change(Kind, themeId, Versioning.Newest, _ => Task.CompletedTask,
            (theme, now) => [SignalDecisions.ReportBack(theme, signalId, how ?? "", by, now)], ct);
    }

    private static async Task<IResult> Promote(
        Guid themeId, PromoteSignalsRequest r, HttpContext http, Writer writer, AccessCheck access, IQuerySession session, CancellationToken ct)
    {
        var (promotionId, board) = await PromoteAsync(writer, access, session, http.User, themeId, r, ct);
        return ApiAnswers.Written(http, board, promotionId, createdAt: $"/api/v1/signal-themes/{themeId}");
    }

    /// <summary>
    /// One action, two streams, one transaction: the obstacle on the team's board (with where it came from) and the
    /// promotion in the theme, from the API and the screen alike. The board answers: its version is the one that changed.
    /// </summary>
    public static async Task<(Guid PromotionId, Written Board)> PromoteAsync(
        Writer writer, AccessCheck access, IQuerySession session, ClaimsPrincipal user, Guid themeId, PromoteSignalsRequest r, CancellationToken ct)
    {
        var processName = r.ProcessId is { } processId
            ? (processId == Guid.Empty ? null : await session.LoadAsync<Process>(processId, ct))?.Name
                ?? throw DomainException.NotFound("processId", Phrase.Of("process.notFound"))
            : null;
        var command = new PromoteSignals(r.Id ?? Guid.CreateVersion7(), r.SignalIds ?? [], r.Text, r.ProcessId, processName);
        var (board, _) = await writer.ChangeBoth(
            (TrackEndpoints.Kind, r.TrackId, Versioning.Newest), (Kind, themeId, Versioning.Newest),
            async (s, track, theme, now) =>
            {
                await access.Demand(user, Permission.ChangeBoards, await TeamEndpoints.LoadTeam(s, track.TeamId, ct));
                var named = command.ProcessId is null ? await ProcessNameOf(s, theme, command, ct) : processName;
                var (promoted, obstacle) = SignalDecisions.Promote(theme, track, command with { ProcessName = named }, Actors.Of(user), now);
                return ([obstacle], [promoted]);
            },
            ct);
        return (command.PromotionId, board);
    }

    /// <summary>The name of the process the chosen signals share, for the obstacle's origin.</summary>
    private static async Task<string?> ProcessNameOf(IQuerySession session, SignalTheme theme, PromoteSignals command, CancellationToken ct)
    {
        var processes = theme.Signals.Where(s => command.SignalIds.Contains(s.Id)).Select(s => s.ProcessId).Distinct().ToList();
        return processes is [{ } only] ? (await session.LoadAsync<Process>(only, ct))?.Name : null;
    }
}
