using Marten;
using NodaTime;
using Obeya.Domain.Sessions;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;

namespace Obeya.Web.Sessions;

/// <summary>A small step agreed in a session: on which track, what, whose (by today's board) and by when.</summary>
public sealed record AgreedStep(Guid TrackId, string TrackTitle, Guid StepId, string Text, string OwnerName, LocalDate Due, SmallStepState State);

/// <summary>One held (or running) session as the team looks back on it: who was there, the coach's answers, the steps agreed.</summary>
public sealed record SessionRecord(
    Guid Id,
    Instant StartedAt,
    Instant? EndedAt,
    bool IsOpen,
    IReadOnlyList<string> Present,
    string? CoachName,
    IReadOnlyList<CoachingAnswer> Answers,
    IReadOnlyList<AgreedStep> Steps);

/// <summary>
/// A team's sessions, newest first. The steps agreed in a session are those added to any of the team's tracks while it
/// ran (from its start to its end): the track's own events say when, so the session needs to record nothing twice.
/// </summary>
public static class SessionHistory
{
    public static async Task<IReadOnlyList<SessionRecord>> Of(IQuerySession session, Team team, CancellationToken ct)
    {
        var sessions = await session.Query<Session>().Where(s => s.TeamId == team.Id).ToListAsync(ct);
        var tracks = await session.Query<Track>().Where(t => t.TeamId == team.Id).ToListAsync(ct);
        var trackIds = tracks.Select(t => t.Id).ToArray();
        var added = trackIds.Length == 0 ? [] : await session.Events.QueryRawEventDataOnly<SmallStepAgreed>()
            .Where(e => e.TrackId.IsOneOf(trackIds)).ToListAsync(ct);
        var byId = tracks.ToDictionary(t => t.Id);

        AgreedStep Agreed(SmallStepAgreed e)
        {
            var track = byId[e.TrackId];
            // The board as it is now: an owner handed over or a date moved since shows as it stands.
            var step = track.SmallSteps.FirstOrDefault(s => s.Id == e.StepId);
            return new AgreedStep(track.Id, track.Title, e.StepId, step?.Text ?? e.Text, step?.OwnerName ?? e.OwnerName, step?.Due ?? e.Due,
                step?.State ?? SmallStepState.Open);
        }

        // Sorted here: ordering by a NodaTime member in LINQ is not to be trusted.
        // Two started at the same moment: their ids are version 7, so in the order they were made.
        return [.. sessions.OrderByDescending(s => s.StartedAt).ThenByDescending(s => s.Id).Select(s => new SessionRecord(
            s.Id, s.StartedAt, s.EndedAt, s.IsOpen,
            [.. s.Attendance.Where(a => a.Present).Select(a => team.NameOf(a.PersonId) ?? a.Name)],
            s.Coaching?.CoachName,
            s.Coaching?.Answers ?? [],
            [.. added.Where(e => e.At >= s.StartedAt && (s.EndedAt is not { } end || e.At <= end)).OrderBy(e => e.At).Select(Agreed)]))];
    }
}
