using System.Globalization;
using System.Resources;
using NodaTime;
using Obeya.Domain;
using Obeya.Web.Components;

namespace Obeya.Web.Language;

/// <summary>
/// Words what the domain says (<see cref="Phrase"/>) in the reader's language: the UI culture of the request or the
/// screen's circuit. The templates are resources keyed by the phrase's key, Dutch in X.resx and English in X.en.resx:
/// Refusals (why a command was refused), History (what happened to a board), Phrases (what the web layer says itself,
/// such as "3 dagen geleden"). The values are written as that language writes dates and numbers.
/// </summary>
public static class Words
{
    private static readonly ResourceManager[] Sources = [.. new[] { "Refusals", "History", "Phrases" }
        .Select(name => new ResourceManager($"Obeya.Web.Language.{name}", typeof(Words).Assembly))];

    /// <summary>The phrase in the reader's language.</summary>
    public static string Worded(this Phrase phrase) => Say(phrase.Key, phrase.Values);

    /// <summary>A phrase the web layer says itself, by key, with its values.</summary>
    public static string Say(string key, params IReadOnlyList<object?> values)
    {
        // Every key has its Dutch, which every language falls back to: one without is a defect, not a sentence to show.
        var template = Template(key, CultureInfo.CurrentUICulture)
            ?? throw new InvalidOperationException($"The phrase key '{key}' has no wording in Language/Refusals, History or Phrases.");
        return values.Count == 0 ? template : string.Format(CultureInfo.CurrentCulture, template, [.. values.Select(Value)]);
    }

    /// <summary>Whether a phrase key has its wording in Dutch (the resource every language falls back to).</summary>
    public static bool Knows(string key) => Template(key, CultureInfo.InvariantCulture) is not null;

    /// <summary>
    /// Every key and its wording in <paramref name="culture"/> alone, without falling back to Dutch: for the tests that
    /// keep both languages whole.
    /// </summary>
    public static IReadOnlyDictionary<string, string> All(CultureInfo culture) =>
        Sources.Select(source => source.GetResourceSet(culture, createIfNotExists: true, tryParents: false))
            .OfType<ResourceSet>()
            .SelectMany(set => set.Cast<System.Collections.DictionaryEntry>())
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static string? Template(string key, CultureInfo culture) =>
        Sources.Select(source => source.GetString(key, culture)).FirstOrDefault(template => template is not null);

    // A whole number is left to the template, so that "{0:N0}" groups its thousands as the reader's language does.
    private static object Value(object? value) => value switch
    {
        null => "",
        Phrase phrase => phrase.Worded(),
        LocalDate date => Format.Date(date),
        decimal number => Format.Number(number),
        int or long => value,
        IFormattable formattable => formattable.ToString(null, CultureInfo.CurrentCulture),
        _ => value.ToString() ?? "",
    };
}
