using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Obeya.Testing;
using Obeya.Web.Language;

namespace Obeya.Web.Tests.Language;

/// <summary>
/// Both languages stay whole. A screen asks for its text with <c>T["Dutch text"]</c>, T being the
/// <c>IStringLocalizer&lt;XText&gt;</c> of its feature folder; the Dutch text is the key, and XText.en.resx beside the
/// class holds the English. The domain's phrases have their Dutch and English in Language/Refusals, History, Phrases.
/// </summary>
public sealed partial class ScreenTextTests
{
    private static readonly CultureInfo English = ObeyaCulture.English;

    private static readonly string WebSources = Path.Combine(RepoFiles.Root, "src", "Obeya.Web");

    [Fact]
    public void every_screen_text_the_code_asks_for_has_its_english()
    {
        var missing = new List<string>();
        foreach (var (file, textClass, keys) in ScreenTexts())
        {
            var english = EnglishOf(textClass);
            missing.AddRange(keys.Where(key => !english.ContainsKey(key)).Select(key => $"{file}: {textClass} has no English for \"{key}\""));
        }

        missing.Should().BeEmpty();
    }

    [Fact]
    public void every_english_screen_text_is_still_asked_for()
    {
        var used = ScreenTexts().GroupBy(s => s.TextClass).ToDictionary(g => g.Key, g => g.SelectMany(s => s.Keys).ToHashSet());
        var unused = TextClasses()
            .SelectMany(type => EnglishOf(type.Name).Keys
                .Where(key => !used.GetValueOrDefault(type.Name, []).Contains(key))
                .Select(key => $"{type.Name}.en.resx: \"{key}\" is asked for by no screen"));
        unused.Should().BeEmpty("a text no screen shows is dead weight that drifts from the Dutch");
    }

    [Fact]
    public void english_keeps_the_values_of_the_dutch()
    {
        var wrong = new List<string>();
        foreach (var type in TextClasses())
        {
            wrong.AddRange(EnglishOf(type.Name)
                .Where(text => !Placeholders(text.Key).SetEquals(Placeholders(text.Value)) || text.Value.Trim().Length == 0)
                .Select(text => $"{type.Name}: \"{text.Key}\" → \"{text.Value}\""));
        }

        var dutch = Words.All(CultureInfo.InvariantCulture);
        var english = Words.All(English);
        wrong.AddRange(dutch.Keys.Except(english.Keys).Select(key => $"phrase {key} has no English"));
        wrong.AddRange(english.Keys.Except(dutch.Keys).Select(key => $"phrase {key} has English but no Dutch"));
        wrong.AddRange(dutch.Where(p => english.TryGetValue(p.Key, out var e) && !Placeholders(p.Value).SetEquals(Placeholders(e)))
            .Select(p => $"phrase {p.Key}: \"{p.Value}\" → \"{english[p.Key]}\""));
        wrong.Should().BeEmpty("English names the same values as the Dutch it stands for");
    }

    [Fact]
    public void a_phrase_is_worded_in_the_language_of_the_reader()
    {
        var phrase = Obeya.Domain.Phrase.Of("format.daysAgo", 3);
        In(ObeyaCulture.Dutch, () => phrase.Worded()).Should().Be("3 dagen geleden");
        In(English, () => phrase.Worded()).Should().Be("3 days ago");
        In(ObeyaCulture.Dutch, () => Obeya.Web.Components.Format.Number(2.5m)).Should().Be("2,5");
        In(English, () => Obeya.Web.Components.Format.Number(2.5m)).Should().Be("2.5");
    }

    /// <summary>What <paramref name="say"/> says with <paramref name="culture"/> as the reader's language.</summary>
    internal static T In<T>(CultureInfo culture, Func<T> say)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, culture);
        try
        {
            return say();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }

    /// <summary>Every source file that asks for screen text: its localizer's class and the keys it asks for.</summary>
    private static IEnumerable<(string File, string TextClass, HashSet<string> Keys)> ScreenTexts()
    {
        foreach (var file in Directory.EnumerateFiles(WebSources, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                         && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var source = Comment().Replace(File.ReadAllText(file), "");
            var keys = Asked().Matches(source).Select(m => Regex.Unescape(m.Groups[1].Value)).ToHashSet();
            if (keys.Count == 0)
            {
                continue;
            }

            var localizer = Localizer().Match(source);
            localizer.Success.Should().BeTrue($"{file} asks T[...] for text, so it declares IStringLocalizer<XText> T");
            yield return (Path.GetRelativePath(WebSources, file), localizer.Groups[1].Value, keys);
        }
    }

    private static IEnumerable<Type> TextClasses() =>
        typeof(Words).Assembly.GetTypes().Where(t => typeof(IScreenText).IsAssignableFrom(t) && t.IsClass);

    private static Dictionary<string, string> EnglishOf(string textClass)
    {
        var type = TextClasses().SingleOrDefault(t => t.Name == textClass)
            ?? throw new InvalidOperationException($"No screen text class {textClass} in Obeya.Web");
        var set = new ResourceManager(type.FullName!, type.Assembly).GetResourceSet(English, createIfNotExists: true, tryParents: false);
        return set?.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!) ?? [];
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("""\bT\[\s*"((?:[^"\\]|\\.)*)"\s*[\],]""")]
    private static partial Regex Asked();

    [GeneratedRegex(@"^\s*//[^\n]*|@\*[\s\S]*?\*@", RegexOptions.Multiline)]
    private static partial Regex Comment();

    [GeneratedRegex("""IStringLocalizer<(\w+)>\s+T\b""")]
    private static partial Regex Localizer();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}
