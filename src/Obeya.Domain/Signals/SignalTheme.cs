using NodaTime;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Signals;

/// <summary>How a customer's signal came in.</summary>
public enum Channel
{
    Phone,
    Desk,
    Email,
    Web,
    Letter,
    NeighbourhoodTeam,
}

/// <summary>A theme of the organisation's list ("verlengen rijbewijs"), kept by the beheerder.</summary>
public sealed record SignalThemeAdded(Guid ThemeId, string Name, Actor By, Instant At) : IFact;

public sealed record SignalThemeRenamed(Guid ThemeId, string Name, Actor By, Instant At) : IFact;

/// <summary>
/// One signal, recorded on screen or through the API: a single question, or a tally of them ("38 vragen over verlengen
/// rijbewijs op 3 maart via telefoon"). The description is short and about the question, never about the client.
/// </summary>
public sealed record SignalRecorded(
    Guid ThemeId, Guid SignalId, Channel Channel, LocalDate On, int Count, Guid? ProcessId, string? Description, Actor By, Instant At) : IFact;

/// <summary>A KCC or CRM export's counts for this theme: each day and channel holds the count the export gives it.</summary>
public sealed record SignalsTallied(Guid ThemeId, IReadOnlyList<DayCount> Tallies, Actor By, Instant At) : IFact;

/// <summary>The theme, or some of its recorded signals, put on a team's board as an obstacle.</summary>
public sealed record SignalsPromoted(
    Guid ThemeId, Guid PromotionId, IReadOnlyList<Guid> SignalIds, int Signals, Guid TrackId, Guid ObstacleId, Guid? ProcessId, Actor By, Instant At) : IFact;

/// <summary>The customer was told what became of the signal, and how ("teruggekoppeld").</summary>
public sealed record SignalReportedBack(Guid ThemeId, Guid SignalId, string How, Actor By, Instant At) : IFact;

/// <summary>The count of one day and channel, as an export gives it.</summary>
public sealed record DayCount(LocalDate On, Channel Channel, int Count);

/// <summary>That, and how, the customer was told.</summary>
public sealed record SignalReport(string How, Instant At);

/// <summary>A signal recorded on its own, with what became of it.</summary>
public sealed record Signal(
    Guid Id, Channel Channel, LocalDate On, int Count, Guid? ProcessId, string? Description, Instant RecordedAt,
    SignalReport? ReportedBack = null, Guid? PromotionId = null);

/// <summary>Signals put on a team's board: the obstacle they became, and what they count.</summary>
/// <param name="SignalIds">The recorded signals promoted; empty: the theme as a whole.</param>
public sealed record SignalPromotion(Guid Id, IReadOnlyList<Guid> SignalIds, int Signals, Guid TrackId, Guid ObstacleId, Guid? ProcessId, Instant At)
{
    /// <summary>The way back: what became of the obstacle on the board (null when the track is gone).</summary>
    public PromotionOutcome OutcomeOn(Track? track) =>
        track?.Obstacles.FirstOrDefault(o => o.Id == ObstacleId) is { } obstacle
            ? new PromotionOutcome(obstacle.State, obstacle.ClosingNote ?? obstacle.Escalation?.Resolution)
            : new PromotionOutcome(null, null);
}

/// <summary>Where a promoted obstacle stands: open, resolved (with how), dropped; null: no longer on a board.</summary>
public sealed record PromotionOutcome(ObstacleState? State, string? Note);

/// <summary>
/// A theme of customer signals: the counts imported per day and channel, the signals recorded one by one, and the
/// obstacles they became. What a week counts is both together.
/// </summary>
public sealed record SignalTheme(
    Guid Id, string Name, IReadOnlyList<DayCount> Imported, IReadOnlyList<Signal> Signals, IReadOnlyList<SignalPromotion> Promotions,
    Instant AddedAt, Instant LastChangedAt)
{
    public int Total => Imported.Sum(c => c.Count) + Signals.Sum(s => s.Count);

    /// <summary>Every count of the theme by day: the imported ones and the recorded ones.</summary>
    public IEnumerable<(LocalDate On, int Count)> Counts() =>
        Imported.Select(c => (c.On, c.Count)).Concat(Signals.Select(s => (s.On, s.Count)));

    public IReadOnlyList<WeekCount> Weekly() => WeeklyTallies.Of(Counts());

    /// <summary>The share of the recorded signals (by what they count) whose customers were told; null without any.</summary>
    public decimal? ShareReportedBack
    {
        get
        {
            var recorded = Signals.Sum(s => s.Count);
            return recorded == 0 ? null : Math.Round((decimal)Signals.Where(s => s.ReportedBack is not null).Sum(s => s.Count) / recorded, 4);
        }
    }

    public static SignalTheme From(SignalThemeAdded e) => new(e.ThemeId, e.Name, [], [], [], e.At, e.At);

    public SignalTheme With(object e)
    {
        var next = e switch
        {
            SignalThemeRenamed x => this with { Name = x.Name },
            SignalRecorded x => this with
            {
                Signals = [.. Signals, new Signal(x.SignalId, x.Channel, x.On, x.Count, x.ProcessId, x.Description, x.At)],
            },
            SignalsTallied x => this with { Imported = Merged(Imported, x.Tallies) },
            SignalsPromoted x => this with
            {
                Promotions = [.. Promotions, new SignalPromotion(x.PromotionId, x.SignalIds, x.Signals, x.TrackId, x.ObstacleId, x.ProcessId, x.At)],
                Signals = [.. Signals.Select(s => x.SignalIds.Contains(s.Id) ? s with { PromotionId = x.PromotionId } : s)],
            },
            SignalReportedBack x => this with
            {
                Signals = [.. Signals.Select(s => s.Id == x.SignalId ? s with { ReportedBack = new SignalReport(x.How, x.At) } : s)],
            },
            _ => throw new ArgumentException($"{e.GetType().Name} is not an event of an existing signal theme.", nameof(e)),
        };
        return next with { LastChangedAt = ((IFact)e).At };
    }

    /// <summary>An export's count of a day and channel takes the place of the one stored; the list stays in date order.</summary>
    private static IReadOnlyList<DayCount> Merged(IReadOnlyList<DayCount> stored, IReadOnlyList<DayCount> tallies)
    {
        var byDay = stored.ToDictionary(c => (c.On, c.Channel));
        foreach (var tally in tallies)
        {
            byDay[(tally.On, tally.Channel)] = tally;
        }

        return [.. byDay.Values.Where(c => c.Count > 0).OrderBy(c => c.On).ThenBy(c => c.Channel)];
    }
}

public sealed record RecordSignal(Guid SignalId, Channel Channel, LocalDate On, int Count, Guid? ProcessId, string? Description);

/// <param name="PromotionId">The promotion's id, which the obstacle on the board has too.</param>
/// <param name="SignalIds">The recorded signals to promote; empty: the theme as a whole.</param>
/// <param name="Text">The obstacle's words; none (or blank): the theme's name.</param>
public sealed record PromoteSignals(Guid PromotionId, IReadOnlyList<Guid> SignalIds, string? Text, Guid? ProcessId, string? ProcessName);

/// <summary>The rules of customer signals: counted, dated, without client data, and each promoted once.</summary>
public static class SignalDecisions
{
    /// <summary>One tally above this is not one day's questions of one theme through one channel.</summary>
    public const int MaxCount = 100_000;

    /// <summary>A signal's description is a sentence, not a case file.</summary>
    public const int DescriptionMaxLength = 300;

    public static SignalThemeAdded Add(Guid themeId, string name, IReadOnlyList<SignalTheme> themes, Actor by, Instant now) =>
        new(Ids.New("id", themeId, themes.Any(t => t.Id == themeId)), UniqueName(name, themes, themeId), by, now);

    public static SignalThemeRenamed Rename(SignalTheme theme, string name, IReadOnlyList<SignalTheme> themes, Actor by, Instant now) =>
        new(theme.Id, UniqueName(name, themes, theme.Id), by, now);

    /// <summary>Themes are told apart by name (an import names them so): two of one name would be one theme.</summary>
    private static string UniqueName(string name, IReadOnlyList<SignalTheme> themes, Guid self)
    {
        var checkedName = Text.Name("name", name);
        return themes.Any(t => t.Id != self && string.Equals(t.Name, checkedName, StringComparison.CurrentCultureIgnoreCase))
            ? throw DomainException.Conflict("name", Phrase.Of("signals.themeNameTaken", checkedName))
            : checkedName;
    }

    public static SignalRecorded Record(SignalTheme theme, RecordSignal command, Actor by, Instant now) => new(
        theme.Id, Ids.New("id", command.SignalId, theme.Signals.Any(s => s.Id == command.SignalId) || command.SignalId == theme.Id),
        Known("channel", command.Channel), Bounds.Date("on", command.On), CountOf("count", command.Count),
        command.ProcessId == Guid.Empty ? null : command.ProcessId,
        Text.Optional("description", command.Description, DescriptionMaxLength), by, now);

    /// <summary>
    /// An export's counts: the ones that change what is stored (new days, other counts). The same file imported again
    /// changes nothing, so a retried import is harmless; null when nothing changes.
    /// </summary>
    public static SignalsTallied? Tally(SignalTheme theme, IReadOnlyList<DayCount> tallies, Actor by, Instant now)
    {
        var stored = theme.Imported.ToDictionary(c => (c.On, c.Channel), c => c.Count);
        var changes = tallies.Where(t => stored.GetValueOrDefault((t.On, t.Channel)) != t.Count).ToList();
        return changes.Count == 0 ? null : new SignalsTallied(theme.Id, changes, by, now);
    }

    /// <summary>
    /// The theme as a whole, or some of its recorded signals, becomes an obstacle on an open track: one decision, two
    /// events (the theme remembers the promotion, the board gets the obstacle with where it came from). A signal is
    /// promoted once; a theme without signals has nothing to promote.
    /// </summary>
    public static (SignalsPromoted Promoted, ObstacleAdded Obstacle) Promote(SignalTheme theme, Track track, PromoteSignals command, Actor by, Instant now)
    {
        _ = Ids.New("id", command.PromotionId, theme.Promotions.Any(p => p.Id == command.PromotionId) || command.PromotionId == theme.Id);
        var chosen = new List<Signal>();
        for (var i = 0; i < command.SignalIds.Count; i++)
        {
            var signal = theme.Signals.FirstOrDefault(s => s.Id == command.SignalIds[i])
                ?? throw DomainException.NotFound($"signalIds[{i}]", Phrase.Of("signals.signalNotFound"));
            if (signal.PromotionId is not null)
            {
                throw DomainException.Conflict($"signalIds[{i}]", Phrase.Of("signals.alreadyPromoted"));
            }

            if (chosen.All(s => s.Id != signal.Id))
            {
                chosen.Add(signal);
            }
        }

        var count = chosen.Count > 0 ? chosen.Sum(s => s.Count) : theme.Total;
        if (count == 0)
        {
            throw new DomainException("signalIds", Phrase.Of("signals.nothingToPromote"));
        }

        var processId = command.ProcessId is { } named && named != Guid.Empty ? named : CommonProcess(chosen);
        var origin = new ObstacleOrigin(theme.Id, theme.Name, count, processId, processId is null ? null : command.ProcessName);
        var obstacle = TrackDecisions.AddObstacle(track, new AddObstacle(command.PromotionId, command.Text is { } words && !Text.IsEmpty(words) ? words : theme.Name), by, now) with { Origin = origin };
        return (new SignalsPromoted(theme.Id, command.PromotionId, [.. chosen.Select(s => s.Id)], count, track.Id, command.PromotionId, processId, by, now), obstacle);
    }

    /// <summary>The process the chosen signals all concern, if they name one and the same.</summary>
    private static Guid? CommonProcess(IReadOnlyList<Signal> chosen)
    {
        var processes = chosen.Select(s => s.ProcessId).Distinct().ToList();
        return processes.Count == 1 ? processes[0] : null;
    }

    public static SignalReportedBack ReportBack(SignalTheme theme, Guid signalId, string how, Actor by, Instant now)
    {
        var signal = theme.Signals.FirstOrDefault(s => s.Id == signalId) ?? throw DomainException.NotFound("signalId", Phrase.Of("signals.signalNotFound"));
        return signal.ReportedBack is not null
            ? throw DomainException.Conflict("signalId", Phrase.Of("signals.alreadyReportedBack"))
            : new SignalReportedBack(theme.Id, signal.Id, Text.Name("how", how), by, now);
    }

    public static int CountOf(string field, int count) =>
        count is >= 1 and <= MaxCount ? count : throw new DomainException(field, Phrase.Of("number.between", 1, MaxCount));

    private static Channel Known(string field, Channel channel) =>
        Enum.IsDefined(channel) ? channel : throw new DomainException(field, Phrase.Of("signals.channelUnknown"));
}
