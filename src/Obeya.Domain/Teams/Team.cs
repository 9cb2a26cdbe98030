using NodaTime;

namespace Obeya.Domain.Teams;

public sealed record TeamCreated(Guid TeamId, string Name, SessionCadence Cadence, Actor By, Instant At) : IFact;

public sealed record TeamRenamed(Guid TeamId, string Name, Actor By, Instant At) : IFact;

public sealed record TeamMemberAdded(Guid TeamId, Guid MemberId, string Name, string? Email, Actor By, Instant At) : IFact;

public sealed record CoachAssigned(Guid TeamId, Guid CoachId, string Name, string? Email, Actor By, Instant At) : IFact;

/// <summary>Off the team: from now on not teamlid, so without the team's boards. Steps keep the name they were agreed with.</summary>
public sealed record TeamMemberRemoved(Guid TeamId, Guid MemberId, string Name, Actor By, Instant At) : IFact;

public sealed record CoachRemoved(Guid TeamId, Guid CoachId, string Name, Actor By, Instant At) : IFact;

public sealed record TeamCadenceChanged(Guid TeamId, SessionCadence Cadence, Actor By, Instant At) : IFact;

/// <summary>No sessions from one day to another, with the team's reason ("kerstvakantie"): not counted as missed.</summary>
public sealed record SessionsCancelled(Guid TeamId, Guid CancellationId, LocalDate From, LocalDate To, string Reason, Actor By, Instant At) : IFact;

/// <summary>The sessions of a cancellation are planned again after all.</summary>
public sealed record CancellationWithdrawn(Guid TeamId, Guid CancellationId, Actor By, Instant At) : IFact;

public sealed record RhythmThresholdsChanged(Guid TeamId, RhythmThresholds Thresholds, Actor By, Instant At) : IFact;

public sealed record TeamMember(Guid Id, string Name, string? Email);

/// <summary>Days without sessions, both ends included, and why; a withdrawn one plans its sessions again.</summary>
public sealed record Cancellation(Guid Id, LocalDate From, LocalDate To, string Reason, bool Withdrawn = false)
{
    public bool Covers(LocalDate date) => date >= From && date <= To;
}

/// <summary>The cadence a team kept from <see cref="From"/> on, until a later one.</summary>
public sealed record CadenceFrom(Instant From, SessionCadence Cadence);

/// <summary>A group that runs KATA sessions. Members own small steps; coaches ask the five questions.</summary>
/// <remarks>
/// The lists after <see cref="Coaches"/> came later: a team stored before them reads them as null, and the properties
/// below say what that means (nobody left, no cancellations, the default thresholds, its present cadence always).
/// </remarks>
public sealed record Team(
    Guid Id, string Name, SessionCadence Cadence, IReadOnlyList<TeamMember> Members, IReadOnlyList<TeamMember> Coaches, IReadOnlyList<Guid>? LeftIds = null,
    IReadOnlyList<Cancellation>? CancellationList = null, RhythmThresholds? Thresholds = null, IReadOnlyList<CadenceFrom>? CadenceHistoryList = null)
{
    /// <summary>The ids of members and coaches who were taken off the team: never given to anyone else.</summary>
    public IReadOnlyList<Guid> Left => LeftIds ?? [];

    /// <summary>The cancellations in force: withdrawn ones stay in <see cref="CancellationList"/>, so their ids stay taken.</summary>
    public IReadOnlyList<Cancellation> Cancellations => [.. (CancellationList ?? []).Where(c => !c.Withdrawn)];

    public RhythmThresholds Rhythm => Thresholds ?? RhythmThresholds.Default;

    /// <summary>Every cadence the team kept, oldest first; the sessions a day was planned to have follow the one then.</summary>
    public IReadOnlyList<CadenceFrom> CadenceHistory => CadenceHistoryList ?? [new CadenceFrom(Instant.MinValue, Cadence)];

    public static Team From(TeamCreated e) => new(e.TeamId, e.Name, e.Cadence, [], [], CadenceHistoryList: [new CadenceFrom(e.At, e.Cadence)]);

    private Team With(CoachAssigned e) => this with { Coaches = [.. Coaches, new TeamMember(e.CoachId, e.Name, e.Email)] };

    private Team With(TeamCadenceChanged e) => this with { Cadence = e.Cadence, CadenceHistoryList = [.. CadenceHistory, new CadenceFrom(e.At, e.Cadence)] };

    private Team With(SessionsCancelled e) => this with { CancellationList = [.. CancellationList ?? [], new Cancellation(e.CancellationId, e.From, e.To, e.Reason)] };

    private Team With(CancellationWithdrawn e) =>
        this with { CancellationList = [.. (CancellationList ?? []).Select(c => c.Id == e.CancellationId ? c with { Withdrawn = true } : c)] };

    private Team With(RhythmThresholdsChanged e) => this with { Thresholds = e.Thresholds };

    private Team With(TeamRenamed e) => this with { Name = e.Name };

    private Team With(TeamMemberAdded e) => this with { Members = [.. Members, new TeamMember(e.MemberId, e.Name, e.Email)] };

    private Team With(TeamMemberRemoved e) => this with { Members = [.. Members.Where(m => m.Id != e.MemberId)], LeftIds = [.. Left, e.MemberId] };

    private Team With(CoachRemoved e) => this with { Coaches = [.. Coaches.Where(c => c.Id != e.CoachId)], LeftIds = [.. Left, e.CoachId] };

    /// <summary>Applies any team event after the first.</summary>
    public Team With(object e) => Dispatch(e);

    private Team Dispatch(object e) => e switch
    {
        TeamRenamed x => With(x),
        TeamMemberAdded x => With(x),
        CoachAssigned x => With(x),
        TeamMemberRemoved x => With(x),
        CoachRemoved x => With(x),
        TeamCadenceChanged x => With(x),
        SessionsCancelled x => With(x),
        CancellationWithdrawn x => With(x),
        RhythmThresholdsChanged x => With(x),
        _ => throw new ArgumentException($"{e.GetType().Name} is not an event of an existing team.", nameof(e)),
    };

    public TeamMember? Member(Guid memberId) => Members.FirstOrDefault(m => m.Id == memberId);

    /// <summary>Whether this team already uses <paramref name="id"/> for itself, a member or a coach.</summary>
    public bool Uses(Guid id) =>
        Id == id || Members.Any(m => m.Id == id) || Coaches.Any(c => c.Id == id) || Left.Contains(id) || (CancellationList ?? []).Any(c => c.Id == id);

    /// <summary>Anyone on the team, members and coaches, by id: for naming who did what.</summary>
    public string? NameOf(Guid personId) => Members.Concat(Coaches).FirstOrDefault(p => p.Id == personId)?.Name;
}

public sealed record CreateTeam(Guid TeamId, string Name, SessionCadence? Cadence);

public sealed record AddTeamMember(Guid MemberId, string Name, string? Email);

public sealed record AssignCoach(Guid CoachId, string Name, string? Email);

public sealed record RenameTeam(string Name);

public sealed record RemoveTeamMember(Guid MemberId);

public sealed record RemoveCoach(Guid CoachId);

public sealed record ChangeCadence(SessionCadence Cadence);

/// <summary>No sessions on <see cref="From"/>, or from it up to and including <see cref="To"/>.</summary>
public sealed record CancelSessions(Guid CancellationId, LocalDate From, LocalDate? To, string Reason);

public sealed record WithdrawCancellation(Guid CancellationId);

public sealed record ChangeRhythmThresholds(RhythmThresholds Thresholds);

/// <summary>Pure decisions for a team: state and command in, events out, or a <see cref="DomainException"/>.</summary>
public static class TeamDecisions
{
    public static TeamCreated Create(CreateTeam command, Actor by, Instant now) =>
        new(Ids.New("id", command.TeamId, taken: false), Text.Name("name", command.Name), (command.Cadence ?? SessionCadence.Default).Validated(), by, now);

    public static TeamMemberAdded AddMember(Team team, AddTeamMember command, Actor by, Instant now)
    {
        var (name, email) = Person(team.Members, command.Name, command.Email, name => Phrase.Of("team.alreadyMember", name));
        return new TeamMemberAdded(team.Id, Ids.New("id", command.MemberId, team.Uses(command.MemberId)), name, email, by, now);
    }

    public static CoachAssigned AssignCoach(Team team, AssignCoach command, Actor by, Instant now)
    {
        var (name, email) = Person(team.Coaches, command.Name, command.Email, name => Phrase.Of("team.alreadyCoach", name));
        return new CoachAssigned(team.Id, Ids.New("id", command.CoachId, team.Uses(command.CoachId)), name, email, by, now);
    }

    /// <summary>
    /// A member leaves the team. <paramref name="openStepsOwned"/> counts the open small steps they still own on the team's
    /// open tracks (which live in the tracks' streams): those are taken over first, since every open step has an owner
    /// on the team.
    /// </summary>
    public static TeamMemberRemoved RemoveMember(Team team, RemoveTeamMember command, int openStepsOwned, Actor by, Instant now)
    {
        var member = team.Member(command.MemberId) ?? throw Gone(team, command.MemberId, "memberId", Phrase.Of("team.notMember"));
        if (openStepsOwned > 0)
        {
            throw DomainException.Conflict(
                "takenOverBy",
                openStepsOwned == 1 ? Phrase.Of("team.ownsOneOpenStep", member.Name) : Phrase.Of("team.ownsOpenSteps", member.Name, openStepsOwned));
        }

        return new TeamMemberRemoved(team.Id, member.Id, member.Name, by, now);
    }

    /// <summary>Who takes over the open steps of a member who leaves: another member of the team.</summary>
    public static TeamMember Successor(Team team, Guid leavingId, Guid takenOverBy) =>
        takenOverBy != leavingId && team.Member(takenOverBy) is { } successor
            ? successor
            : throw new DomainException("takenOverBy", Phrase.Of("team.chooseOtherSuccessor"));

    public static CoachRemoved RemoveCoach(Team team, RemoveCoach command, Actor by, Instant now)
    {
        var coach = team.Coaches.FirstOrDefault(c => c.Id == command.CoachId)
            ?? throw Gone(team, command.CoachId, "coachId", Phrase.Of("team.notCoach"));
        return new CoachRemoved(team.Id, coach.Id, coach.Name, by, now);
    }

    /// <summary>Someone already taken off is a conflict with the team as it is now; an id it never had is not found.</summary>
    private static DomainException Gone(Team team, Guid id, string field, Phrase unknown) =>
        team.Left.Contains(id)
            ? DomainException.Conflict(field, Phrase.Of("team.personLeft"))
            : DomainException.NotFound(field, unknown);

    public static TeamRenamed Rename(Team team, RenameTeam command, Actor by, Instant now) =>
        new(team.Id, Text.Name("name", command.Name), by, now);

    public static TeamCadenceChanged ChangeCadence(Team team, ChangeCadence command, Actor by, Instant now) =>
        new(team.Id, (command.Cadence ?? throw new DomainException("cadence", Phrase.Of("text.required"))).Validated(), by, now);

    /// <summary>A holiday lasts weeks, not years: a cancellation covers at most this many days.</summary>
    public const int MaxCancelledDays = 92;

    /// <summary>Cancellations may overlap (a study day inside a holiday): a day without sessions is one either way.</summary>
    public static SessionsCancelled CancelSessions(Team team, CancelSessions command, Actor by, Instant now)
    {
        var from = Bounds.Date("from", command.From);
        var to = Bounds.Date("to", command.To ?? command.From);
        if (to < from)
        {
            throw new DomainException("to", Phrase.Of("team.cancellationEndsBeforeStart"));
        }

        if (Period.Between(from, to, PeriodUnits.Days).Days >= MaxCancelledDays)
        {
            throw new DomainException("to", Phrase.Of("team.cancellationTooLong", MaxCancelledDays));
        }

        return new SessionsCancelled(
            team.Id, Ids.New("id", command.CancellationId, team.Uses(command.CancellationId)), from, to, Text.Name("reason", command.Reason), by, now);
    }

    /// <summary>Withdrawing again is what a retry does: it says the same.</summary>
    public static CancellationWithdrawn WithdrawCancellation(Team team, WithdrawCancellation command, Actor by, Instant now) =>
        (team.CancellationList ?? []).Any(c => c.Id == command.CancellationId)
            ? new CancellationWithdrawn(team.Id, command.CancellationId, by, now)
            : throw DomainException.NotFound("cancellationId", Phrase.Of("team.noSuchCancellation"));

    public static RhythmThresholdsChanged ChangeRhythmThresholds(Team team, ChangeRhythmThresholds command, Actor by, Instant now) =>
        new(team.Id, (command.Thresholds ?? throw new DomainException("thresholds", Phrase.Of("text.required"))).Validated(), by, now);

    private static (string Name, string? Email) Person(IReadOnlyList<TeamMember> existing, string name, string? email, Func<string, Phrase> alreadyThere)
    {
        var checkedName = Text.Name("name", name);
        var checkedEmail = Text.Optional("email", email, Text.NameMaxLength);
        if (checkedEmail is not null && !checkedEmail.Contains('@', StringComparison.Ordinal))
        {
            throw new DomainException("email", Phrase.Of("email.invalid"));
        }

        if (existing.Any(m => string.Equals(m.Name, checkedName, StringComparison.OrdinalIgnoreCase)))
        {
            throw DomainException.Conflict("name", alreadyThere(checkedName));
        }

        return (checkedName, checkedEmail);
    }
}
