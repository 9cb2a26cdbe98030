using NodaTime;

namespace Obeya.Domain;

/// <summary>
/// The ranges the domain accepts for dates and numbers. Whatever passes here, every screen can show, sort, chart and
/// count with; anything else is refused with a message naming the field, so no stored value can make a board unopenable.
/// </summary>
public static class Bounds
{
    /// <summary>Improvement work of today: nothing on a board lies before 2000 or after 2100.</summary>
    public static readonly LocalDate EarliestDate = new(2000, 1, 1);

    public static readonly LocalDate LatestDate = new(2100, 12, 31);

    /// <summary>Counts, percentages and durations on a board stay well inside a billion.</summary>
    public const decimal MaxMagnitude = 1_000_000_000m;

    public const int MaxDecimals = 4;

    public static LocalDate Date(string field, LocalDate date) =>
        date >= EarliestDate && date <= LatestDate
            ? date
            : throw new DomainException(field, Phrase.Of("date.outOfRange", EarliestDate, LatestDate));

    public static LocalDate? Date(string field, LocalDate? date) => date is { } value ? Date(field, value) : null;

    public static decimal Number(string field, decimal value)
    {
        if (value < -MaxMagnitude || value > MaxMagnitude)
        {
            // A whole number, so that the template groups its thousands as the reader's language does.
            throw new DomainException(field, Phrase.Of("number.outOfRange", (long)MaxMagnitude));
        }

        // 41,50 is stored as 41,5 (and 7,10000 as 7,1); more than four decimals that matter is a mistake, not a
        // measurement. A zero written with more than four decimals is one too: a reader rounds what does not fit a
        // decimal to 28 zeros (1e-30 arrives as 0,000…0), which would otherwise pass as 0.
        var normalized = value / 1.0000000000000000000000000000m;
        return normalized.Scale <= MaxDecimals && (value != 0 || value.Scale <= MaxDecimals)
            ? normalized
            : throw new DomainException(field, Phrase.Of("number.tooManyDecimals", MaxDecimals));
    }
}

/// <summary>The ids callers choose for new things: never empty, and never one the stream already uses for anything.</summary>
public static class Ids
{
    public static Guid New(string field, Guid id, bool taken) =>
        id == Guid.Empty
            ? throw new DomainException(field, Phrase.Of("id.empty"))
            : taken
                ? throw DomainException.Conflict(field, Phrase.Of("id.taken"))
                : id;
}
