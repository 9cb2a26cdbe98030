namespace Obeya.Domain.Teams;

/// <summary>
/// When a team's rhythm counts as slipping (DOMAIN.md, Borging): the team sets these, the defaults are what a team
/// starting with KATA is told.
/// </summary>
/// <param name="OnTimeMinutes">A session started at most this long after its planned start is on time.</param>
/// <param name="CoachIntervalDays">The coach comes by at least this often.</param>
/// <param name="StaleBoardDays">A board that has not changed for longer is stale.</param>
/// <param name="ObstacleInFocusDays">An obstacle in focus for longer is stuck.</param>
public sealed record RhythmThresholds(int OnTimeMinutes, int CoachIntervalDays, int StaleBoardDays, int ObstacleInFocusDays)
{
    public static RhythmThresholds Default { get; } = new(OnTimeMinutes: 5, CoachIntervalDays: 14, StaleBoardDays: 7, ObstacleInFocusDays: 28);

    /// <summary>The longest a team can say its coach may stay away.</summary>
    public const int MaxCoachIntervalDays = 90;

    public RhythmThresholds Validated() => new(
        InRange("thresholds.onTimeMinutes", OnTimeMinutes, 0, 60),
        InRange("thresholds.coachIntervalDays", CoachIntervalDays, 1, MaxCoachIntervalDays),
        InRange("thresholds.staleBoardDays", StaleBoardDays, 1, 90),
        InRange("thresholds.obstacleInFocusDays", ObstacleInFocusDays, 1, 365));

    private static int InRange(string field, int value, int min, int max) =>
        value >= min && value <= max ? value : throw new DomainException(field, Phrase.Of("number.between", min, max));
}
