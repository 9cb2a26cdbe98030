namespace Obeya.Domain;

/// <summary>
/// Something the domain says — a refusal, a line of history — as a key and the values it names. The domain speaks no
/// language of its own: the web layer words a phrase in the reader's language, and writes its dates and numbers the way
/// that language does. A value is text, a number, a <see cref="NodaTime.LocalDate"/>, or a phrase of its own.
/// </summary>
public sealed record Phrase(string Key, IReadOnlyList<object?> Values)
{
    public static Phrase Of(string key, params object?[] values) => new(key, values);

    /// <summary>The same key with the same values says the same thing, however the values were gathered.</summary>
    public bool Equals(Phrase? other) => other is not null && Key == other.Key && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Key, Values.Count);

    /// <summary>The key and its values, for logs and test output; never for a reader.</summary>
    public override string ToString() => Values.Count == 0 ? Key : $"{Key}({string.Join(", ", Values)})";
}
