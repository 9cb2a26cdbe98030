using System.Security.Claims;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using NodaTime;
using NodaTime.Extensions;
using Obeya.Domain;
using Obeya.Domain.Access;
using Obeya.Domain.Calendars;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Web.Access;
using Obeya.Web.Accounts;
using Obeya.Web.Infrastructure;
using Obeya.Web.Infrastructure.Reads;
using Obeya.Web.Infrastructure.Writes;
using Obeya.Web.Teams;
using Obeya.Web.WallScreens;

namespace Obeya.Web.Calendars;

/// <summary>What a list shows of a feed: never its token nor the token's hash.</summary>
public sealed record CalendarFeedSummary(Guid Id, CalendarFeedKind Kind, Guid? TeamId, string Name, string CreatedBy, Instant CreatedAt, bool Revoked, Instant? RevokedAt)
{
    public static CalendarFeedSummary Of(CalendarFeed f) => new(f.Id, f.Kind, f.TeamId, f.Name, f.CreatedBy.Name, f.CreatedAt, f.Revoked, f.RevokedAt);
}

/// <summary>The answer to a creation: the only time the secret link is shown.</summary>
public sealed record NewCalendarFeed(Guid Id, string Name, string Token, string Path);

public sealed record CreateCalendarFeedRequest(Guid? Id = null);

public sealed class CalendarFeedProjection : DomainProjection<CalendarFeed>
{
    public override CalendarFeed? Evolve(CalendarFeed? snapshot, Guid id, IEvent e) =>
        e.Data is CalendarFeedCreated created ? CalendarFeed.From(created) : snapshot?.With(e.Data);
}

/// <summary>
/// Calendar feeds (RFC 5545, written by Ical.Net): a team's stand-ups as repeating events in its zone, without the
/// cancelled ones, each with a reminder ten minutes before; a person's steps on their due dates and their teams'
/// stand-ups. Opened by a secret link, so Outlook can subscribe without signing in; revoked or unknown, 404.
/// </summary>
public static class CalendarFeeds
{
    /// <summary>A feed has no team of its own to write under: a person's has none at all.</summary>
    public static readonly StreamKind<CalendarFeed> Kind = new(FeedNotFound);

    /// <summary>One's own feeds, named apart in their route so that a refusal names the route's value.</summary>
    public static readonly StreamKind<CalendarFeed> PersonalKind = new(MyFeedNotFound);

    public const int ReminderMinutes = 10;

    public static StoreOptions ConfigureCalendarFeeds(this StoreOptions options)
    {
        options.Projections.Add<CalendarFeedProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<CalendarFeed>().UniqueIndex(f => f.TokenHash).Index(f => f.TeamId);
        return options;
    }

    public static IEndpointRouteBuilder MapCalendarFeeds(this IEndpointRouteBuilder api)
    {
        var team = api.MapGroup("/teams/{teamId:guid}/calendar-feeds").WithTags("Calendar feeds");
        team.MapGet("/", async (Guid teamId, IQuerySession session, CancellationToken ct) => await OfTeam(session, teamId, ct))
            .Requires(Permission.ReadBoards).WithSummary("The team's calendar feeds, revoked ones too; never their links");
        team.MapPost("/", async (Guid teamId, CreateCalendarFeedRequest? request, HttpContext http, Writer writer, IQuerySession session, CancellationToken ct) =>
                Created(http, await CreateForTeam(writer, session, http.User, teamId, request?.Id, ct)))
            .Requires(Permission.ReadBoards)
            .WithSummary("A secret link to the team's stand-ups for a calendar client (RFC 5545); the answer shows it once");
        team.MapPost("/{calendarFeedId:guid}/revoke", async (Guid teamId, Guid calendarFeedId, HttpContext http, Writer writer, IQuerySession session, StoredStreams reads, CancellationToken ct) =>
            {
                // The route's rule loaded the team already; the feed must be that team's.
                var checkedTeam = EndpointRules.CheckedTeamOf(http)?.Team ?? await TeamEndpoints.LoadTeam(session, teamId, ct);
                await RevokeTeamFeedAsync(writer, http.User, checkedTeam, calendarFeedId, ct);
                return await Answer(http, reads, Kind, calendarFeedId);
            })
            .Requires(Permission.ChangeBoards).WithSummary("Revoke a team's calendar feed: its link answers 404 from now on");

        var mine = api.MapGroup("/me/calendar-feeds").WithTags("Calendar feeds").RequiresSignIn();
        mine.MapGet("/", async (HttpContext http, IQuerySession session, CancellationToken ct) => await OfPerson(session, Me(http).Email, ct))
            .WithSummary("Your own calendar feeds, revoked ones too; never their links");
        mine.MapPost("/", async (CreateCalendarFeedRequest? request, HttpContext http, Writer writer, CancellationToken ct) =>
                Created(http, await CreateForPerson(writer, http.User, request?.Id, ct)))
            .WithSummary("A secret link to your steps' due dates and your teams' stand-ups for a calendar client; the answer shows it once");
        mine.MapPost("/{myCalendarFeedId:guid}/revoke", async (Guid myCalendarFeedId, HttpContext http, Writer writer, StoredStreams reads, CancellationToken ct) =>
            {
                await RevokeMyFeedAsync(writer, http.User, myCalendarFeedId, ct);
                return await Answer(http, reads, PersonalKind, myCalendarFeedId);
            })
            .WithSummary("Revoke one of your calendar feeds");

        api.MapGet("/calendar/{token}", Serve).WithTags("Calendar feeds")
            .OpenToAnyone("A calendar client subscribes without signing in: the secret in the link is the access, as for a wall screen.")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .WithSummary("The feed of this secret link as iCalendar (RFC 5545); 404 when the link is unknown or revoked");
        return api;
    }

    public static string FeedPath(string token) => $"/api/v1/calendar/{token}";

    public static DomainException FeedNotFound() => DomainException.NotFound("calendarFeedId", Phrase.Of("calendarFeed.notFound"));

    public static DomainException MyFeedNotFound() => DomainException.NotFound("myCalendarFeedId", Phrase.Of("calendarFeed.notFound"));

    public static async Task<IReadOnlyList<CalendarFeedSummary>> OfTeam(IQuerySession session, Guid teamId, CancellationToken ct)
    {
        var feeds = await session.Query<CalendarFeed>().Where(f => f.TeamId == teamId).ToListAsync(ct);
        return [.. feeds.OrderBy(f => f.CreatedAt).Select(CalendarFeedSummary.Of)];
    }

    public static async Task<IReadOnlyList<CalendarFeedSummary>> OfPerson(IQuerySession session, string email, CancellationToken ct)
    {
        // By the e-mail only: one kind of feed has it.
        var feeds = await session.Query<CalendarFeed>().Where(f => f.PersonEmail != null).ToListAsync(ct);
        return [.. feeds.Where(f => OwnedBy(f, email)).OrderBy(f => f.CreatedAt).Select(CalendarFeedSummary.Of)];
    }

    /// <summary>A team's feed, by anyone who may read its boards (the stand-ups' times are on them anyway).</summary>
    public static async Task<NewCalendarFeed> CreateForTeam(Writer writer, IQuerySession session, ClaimsPrincipal user, Guid teamId, Guid? id, CancellationToken ct)
    {
        var team = await TeamEndpoints.LoadTeam(session, teamId, ct);
        await writer.Access.Demand(user, Permission.ReadBoards, team);
        var token = WallTokens.New();
        var created = CalendarFeedDecisions.CreateForTeam(id ?? Guid.CreateVersion7(), team, WallTokens.Hash(token), Actors.Of(user), writer.Now);
        await writer.Start(Kind, created.FeedId, [created], ct);
        return new NewCalendarFeed(created.FeedId, created.Name, token, FeedPath(token));
    }

    /// <summary>One's own feed: anyone signed in.</summary>
    public static async Task<NewCalendarFeed> CreateForPerson(Writer writer, ClaimsPrincipal user, Guid? id, CancellationToken ct)
    {
        var me = CurrentUser.Of(user) ?? throw DomainException.NotSignedIn();
        var token = WallTokens.New();
        var created = CalendarFeedDecisions.CreateForPerson(id ?? Guid.CreateVersion7(), me.Email, me.Name, WallTokens.Hash(token), Actors.Of(user), writer.Now);
        await writer.Start(Kind, created.FeedId, [created], ct);
        return new NewCalendarFeed(created.FeedId, created.Name, token, FeedPath(token));
    }

    /// <summary>A team's feed, by whoever may change the team's boards (asked here too, for the screens).</summary>
    public static Task<Written> RevokeTeamFeedAsync(Writer writer, ClaimsPrincipal user, Team team, Guid feedId, CancellationToken ct) =>
        Revoke(writer, user, Kind, feedId, feed => feed.TeamId == team.Id ? writer.Access.Demand(user, Permission.ChangeBoards, team) : throw FeedNotFound(), ct);

    /// <summary>One's own feed, by oneself only: anyone else's is not found.</summary>
    public static Task<Written> RevokeMyFeedAsync(Writer writer, ClaimsPrincipal user, Guid feedId, CancellationToken ct)
    {
        var email = (CurrentUser.Of(user) ?? throw DomainException.NotSignedIn()).Email;
        return Revoke(writer, user, PersonalKind, feedId, feed => OwnedBy(feed, email) ? Task.CompletedTask : throw MyFeedNotFound(), ct);
    }

    /// <summary>Revokes the feed once <paramref name="demand"/> allowed it on the feed as stored.</summary>
    private static Task<Written> Revoke(
        Writer writer, ClaimsPrincipal user, StreamKind<CalendarFeed> kind, Guid feedId, Func<CalendarFeed, Task> demand, CancellationToken ct) =>
        writer.Change(kind, feedId, Versioning.Newest, demand, (feed, now) => CalendarFeedDecisions.Revoke(feed, Actors.Of(user), now), ct);

    public static bool OwnedBy(CalendarFeed feed, string email) =>
        feed.Kind == CalendarFeedKind.Person && string.Equals(feed.PersonEmail, email, StringComparison.OrdinalIgnoreCase);

    /// <summary>The feed as it is after a revocation, with its version.</summary>
    private static async Task<IResult> Answer(HttpContext http, StoredStreams reads, StreamKind<CalendarFeed> kind, Guid feedId)
    {
        var after = await reads.Load<CalendarFeed>(feedId, http.RequestAborted) ?? throw kind.NotFound();
        return ApiAnswers.Versioned(http, CalendarFeedSummary.Of(after.State), after.Version);
    }

    private static IResult Created(HttpContext http, NewCalendarFeed feed)
    {
        Versions.Tag(http, 1);
        return Results.Created((string?)null, feed);
    }

    private static CurrentUser Me(HttpContext http) => CurrentUser.Of(http) ?? throw DomainException.NotSignedIn();

    private static async Task<IResult> Serve(string token, IQuerySession session, IClock clock, HttpContext http, CancellationToken ct)
    {
        var feed = await FindActiveByToken(session, token, ct);
        if (feed is null)
        {
            return Results.NotFound();
        }

        var text = await RenderAsync(session, feed, clock.GetCurrentInstant(), ct);
        // A secret link's answer is nobody else's to keep.
        http.Response.Headers.CacheControl = "private, no-store";
        return Results.Text(text, "text/calendar; charset=utf-8");
    }

    /// <summary>The feed this link opens: null when the token is unknown, revoked or not a token at all.</summary>
    public static async Task<CalendarFeed?> FindActiveByToken(IQuerySession session, string token, CancellationToken ct) =>
        WallTokens.HashOf(token) is { } hash
            ? await session.Query<CalendarFeed>().Where(f => f.TokenHash == hash && !f.Revoked).FirstOrDefaultAsync(ct)
            : null;

    /// <summary>The feed as the store holds its team or person now.</summary>
    public static async Task<string> RenderAsync(IQuerySession session, CalendarFeed feed, Instant now, CancellationToken ct)
    {
        if (feed.Kind == CalendarFeedKind.Team)
        {
            var team = await session.LoadAsync<Team>(feed.TeamId!.Value, ct);
            return Render(feed.Name, team is null ? [] : CalendarPlan.SeriesOf(team, now), [], now);
        }

        var email = feed.PersonEmail!;
        var teams = CalendarPlan.TeamsOf(email, await session.Query<Team>().ToListAsync(ct));
        var ids = teams.Select(t => t.Id).ToArray();
        var tracks = ids.Length == 0 ? [] : await session.Query<Track>().Where(t => t.TeamId.IsOneOf(ids)).ToListAsync(ct);
        return Render(feed.Name, [.. teams.SelectMany(t => CalendarPlan.SeriesOf(t, now))], CalendarPlan.StepsOf(email, teams, tracks), now);
    }

    /// <summary>The iCalendar text: one repeating event per run of a cadence, one all-day event per step.</summary>
    public static string Render(string name, IReadOnlyList<SessionSeries> series, IReadOnlyList<StepDue> steps, Instant now)
    {
        var calendar = new Calendar { ProductId = "-//Obeya//Obeya//NL" };
        calendar.AddProperty("X-WR-CALNAME", name);
        var stamp = new CalDateTime(now.ToDateTimeUtc());
        foreach (var zone in series.Select(s => s.Cadence.TimeZone).Distinct())
        {
            var earliest = series.Where(s => s.Cadence.TimeZone == zone).Min(s => s.FirstStart).ToDateTimeUnspecified();
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone, earliest, includeHistoricalData: false));
        }

        foreach (var run in series)
        {
            var zone = run.Cadence.TimeZone;
            var summary = $"Stand-up {run.TeamName}";
            var session = new CalendarEvent
            {
                Uid = $"{run.TeamId:N}-{run.FirstStart:yyyyMMdd}@obeya",
                DtStamp = stamp,
                Summary = summary,
                Description = "KATA-sessie: de vijf vragen, het bord, de volgende stap.",
                DtStart = At(run.FirstStart, zone),
                Duration = Ical.Net.DataTypes.Duration.FromMinutes(run.Cadence.DurationMinutes),
                RecurrenceRule = new RecurrencePattern(FrequencyType.Weekly)
                {
                    ByDay = [.. run.Cadence.Days.Select(d => new WeekDay(d.ToDayOfWeek()))],
                    // UNTIL is UTC for a start with a zone (RFC 5545 3.3.10): the end of the run's last day there.
                    Until = run.Until is { } last
                        ? new CalDateTime(last.PlusDays(1).AtStartOfDayInZone(run.Cadence.GetZone()).ToInstant().Minus(NodaTime.Duration.FromSeconds(1)).ToDateTimeUtc())
                        : null,
                },
            };
            foreach (var (day, _) in run.Cancelled)
            {
                session.ExceptionDates.Add(At(day + run.Cadence.StartsAt, zone));
            }

            session.Alarms.Add(new Alarm
            {
                Action = AlarmAction.Display, Description = summary, Trigger = new Trigger(Ical.Net.DataTypes.Duration.FromMinutes(-ReminderMinutes)),
            });
            calendar.Events.Add(session);
        }

        foreach (var step in steps)
        {
            var due = new CalendarEvent
            {
                Uid = $"{step.StepId:N}@obeya",
                DtStamp = stamp,
                Summary = $"Stap: {step.Text}",
                Description = $"{step.TrackTitle} ({step.TeamName})",
                DtStart = new CalDateTime(step.Due.Year, step.Due.Month, step.Due.Day),
                DtEnd = new CalDateTime(step.Due.PlusDays(1).Year, step.Due.PlusDays(1).Month, step.Due.PlusDays(1).Day),
            };
            // At nine on the due day: a date's alarm is relative to its midnight.
            due.Alarms.Add(new Alarm { Action = AlarmAction.Display, Description = due.Summary, Trigger = new Trigger(Ical.Net.DataTypes.Duration.FromHours(9)) });
            calendar.Events.Add(due);
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalDateTime At(LocalDateTime local, string zone) =>
        new(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, zone);
}
