using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using Marten;
using Microsoft.Playwright;
using Obeya.Browser.Tests.Accessibility;
using Obeya.Browser.Tests.Screens;
using Obeya.Web.Language;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Language;

/// <summary>
/// Dutch for a new browser, whatever the browser's own language; English for whoever chooses it in the top bar, on
/// every screen of the demo and in every browser they sign in from later. A screen's text is compared with the
/// resources: with English chosen, no Dutch text of the resources and no common Dutch word is left, once the demo's
/// own content (team names, obstacles, people) is taken out.
/// </summary>
public sealed partial class EnglishTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task a_new_browser_opens_in_dutch_even_when_the_browser_speaks_english()
    {
        var page = await browser.NewPageAsync(locale: "en-US");
        await page.GotoAsync("/");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Uitloggen" })).ToBeAttachedAsync();
    }

    [Fact]
    public async Task with_english_chosen_every_screen_speaks_english_and_its_names_and_labels_meet_wcag()
    {
        var userContent = await UserContent();
        var dutch = DutchTexts();
        var pages = new Dictionary<string, IPage>();
        var found = new List<string>();
        foreach (var (who, path, name) in await DemoScreens.All(browser))
        {
            var key = who ?? "";
            if (!pages.TryGetValue(key, out var page))
            {
                page = await browser.NewPageAsync(signInAs: who);
                await page.GotoAsync(who is null ? "/inloggen" : "/");
                await ChooseEnglish(page);
                pages[key] = page;
            }

            await page.FollowAsync(path);
            await page.ReadyAsync();
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await Sizes.Shot(page, $"en-{name}");
            // A box of the dependency map wraps its label over lines: read it back as the one text it is.
            await page.EvaluateAsync(@"() => document.querySelectorAll('svg text').forEach(t => {
                const lines = [...t.querySelectorAll('tspan')].map(s => s.textContent);
                if (lines.length > 1) t.textContent = lines.join(' ');
            })");
            var text = await page.EvaluateAsync<string>(@"() => [document.title, document.body.innerText,
                ...[...document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')]
                    .flatMap(e => ['aria-label', 'title', 'placeholder', 'alt'].map(a => e.getAttribute(a)).filter(v => v))].join('\n')");
            found.AddRange(DutchLeftIn(Without(text, userContent), dutch).Select(left => $"{path}: {left}"));
            // What English can break; the rest of WCAG is checked on the same screens in Dutch (AccessibilityTests).
            found.AddRange((await Axe.WordingViolations(page)).Select(v => $"{path}: axe {v}"));
        }

        found.Should().BeEmpty("with English chosen no Dutch is left on a screen, and its names, labels and language meet WCAG 2.1 AA:\n{0}",
            string.Join("\n", found));
    }

    [Fact]
    public async Task the_choice_goes_with_the_person_to_a_new_browser_and_back_to_dutch()
    {
        var email = await browser.NewAccount("Ingrid Taal", "ingrid.taal@werk.example.nl");
        var first = await browser.NewPageAsync(signInAs: email);
        await first.GotoAsync("/");
        await ChooseEnglish(first);
        await Expect(first.GetByRole(AriaRole.Link, new() { Name = "Sign out" })).ToBeAttachedAsync();

        // Another browser: Dutch on the sign-in page, English as soon as she is signed in.
        var second = await browser.NewPageAsync(signInAs: null);
        await second.GotoAsync("/inloggen");
        await Expect(second.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await second.GetByLabel("E-mailadres").FillAsync(email);
        await second.GetByLabel("Wachtwoord").FillAsync(BrowserFixture.PasswordOf(email));
        await second.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Expect(second).ToHaveTitleAsync(new Regex("^Teams"));
        await Expect(second.Locator("html")).ToHaveAttributeAsync("lang", "en");

        await second.GetByRole(AriaRole.Button, new() { Name = "Nederlands" }).ClickAsync();
        await Expect(second.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Expect(second.GetByRole(AriaRole.Link, new() { Name = "Uitloggen" })).ToBeAttachedAsync();
        var third = await browser.NewPageAsync(signInAs: null);
        await BrowserFixture.SignInThroughTheForm(third, email);
        await Expect(third.Locator("html")).ToHaveAttributeAsync("lang", "nl");
    }

    private static async Task ChooseEnglish(IPage page)
    {
        var english = page.GetByRole(AriaRole.Button, new() { Name = "English" }).First;
        await english.ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }

    /// <summary>Every text the demo and the tests stored (names, titles, obstacles), longest first: the board's content, not its screen text.</summary>
    private async Task<IReadOnlyList<string>> UserContent()
    {
        await using var session = browser.App.Store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().ToListAsync();
        var texts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            Collect(e.Data, texts, depth: 0);
        }

        return [.. texts.Where(t => t.Trim().Length > 1).OrderByDescending(t => t.Length)];
    }

    private static void Collect(object? value, HashSet<string> texts, int depth)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                texts.Add(text);
                return;
            case IEnumerable items when depth < 4:
                foreach (var item in items)
                {
                    Collect(item, texts, depth + 1);
                }

                return;
        }

        var type = value.GetType();
        if (depth >= 4 || type.IsPrimitive || type.IsEnum || type.Namespace?.StartsWith("NodaTime", StringComparison.Ordinal) == true || value is Guid or decimal)
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            Collect(property.GetValue(value), texts, depth + 1);
        }
    }

    private static string Without(string text, IReadOnlyList<string> userContent)
    {
        foreach (var content in userContent)
        {
            text = text.Replace(content, "\n", StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Every screen text and phrase: its Dutch and its English.</summary>
    private static readonly Lazy<IReadOnlyList<(string Dutch, string English)>> Texts = new(() =>
    {
        var english = CultureInfo.GetCultureInfo("en");
        var pairs = new List<(string Dutch, string English)>();
        foreach (var type in typeof(Words).Assembly.GetTypes().Where(t => typeof(IScreenText).IsAssignableFrom(t) && t.IsClass))
        {
            var set = new ResourceManager(type.FullName!, type.Assembly).GetResourceSet(english, createIfNotExists: true, tryParents: false);
            pairs.AddRange(set?.Cast<DictionaryEntry>().Select(e => ((string)e.Key, (string)e.Value!)) ?? []);
        }

        var phrasesInEnglish = Words.All(english);
        pairs.AddRange(Words.All(CultureInfo.InvariantCulture).Select(p => (p.Value, phrasesInEnglish.GetValueOrDefault(p.Key, ""))));
        return pairs;
    });

    /// <summary>Every word some English text uses.</summary>
    private static readonly Lazy<HashSet<string>> EnglishVocabulary = new(() =>
        [.. Texts.Value.SelectMany(text => Word().Matches(text.English).Select(word => word.Value))]);

    /// <summary>
    /// The Dutch of every screen text and phrase, cut at its placeholders into the pieces a screen shows literally,
    /// without the pieces its English says too and those made only of English words ("Obeya").
    /// </summary>
    private static IReadOnlyList<string> DutchTexts() =>
        [.. Texts.Value.SelectMany(p => Pieces(p.Dutch).Except(Pieces(p.English)))
            .Where(piece => !Word().Matches(piece).All(word => EnglishVocabulary.Value.Contains(word.Value)))
            .Distinct()
            .OrderByDescending(piece => piece.Length)];

    private static IEnumerable<string> Pieces(string text) => Placeholder().Split(text)
        .Select(piece => piece.Trim(' ', ',', '.', ':', ';', '(', ')', '\'', '"', '–', '-', '·'))
        .Where(piece => piece.Count(char.IsLetter) >= 3);

    /// <summary>What is still Dutch in a screen's text: resource texts, and common Dutch words no English text has.</summary>
    private static IEnumerable<string> DutchLeftIn(string text, IReadOnlyList<string> dutch)
    {
        foreach (var piece in dutch)
        {
            var match = Regex.Match(text, $@"(?<!\p{{L}}){Regex.Escape(piece)}(?!\p{{L}})");
            if (match.Success)
            {
                yield return $"\"{piece}\" in \"{Around(text, match.Index)}\"";
                text = text.Replace(piece, "\n", StringComparison.Ordinal);
            }
        }

        foreach (Match word in Word().Matches(text))
        {
            if (CommonDutch.Contains(word.Value) && !EnglishVocabulary.Value.Contains(word.Value))
            {
                yield return $"\"{word.Value}\" in \"{Around(text, word.Index)}\"";
            }
        }
    }

    private static string Around(string text, int index)
    {
        var start = Math.Max(0, index - 30);
        return text.Substring(start, Math.Min(text.Length - start, 70)).ReplaceLineEndings(" ");
    }

    /// <summary>Dutch words that no English screen text uses (case-sensitive: Dutch writes its weekdays and months small).</summary>
    private static readonly HashSet<string> CommonDutch = new(StringComparer.Ordinal)
    {
        "de", "het", "een", "van", "en", "niet", "geen", "je", "jij", "jouw", "wij", "jullie", "voor", "naar", "nog",
        "wordt", "worden", "met", "op", "dit", "deze", "dat", "er", "zijn", "heeft", "hebben", "kan", "kunnen", "moet",
        "wat", "wie", "waar", "wanneer", "welke", "ook", "uit", "bij", "tot", "om", "te", "maar", "omdat", "als", "dan",
        "Geen", "Het", "De", "Een", "Wat", "Wie", "Waar", "Nog", "Voor", "Naar", "Terug", "Opslaan", "Annuleren",
        "Bewerken", "Verwijderen", "Toevoegen", "Sluiten", "Volgende", "Vorige", "Inloggen", "Uitloggen", "vandaag",
        "gisteren", "dagen", "dag", "sessie", "Sessie", "bord", "Bord", "obstakel", "Obstakel", "doeltoestand",
        "Doeltoestand", "uitdaging", "Uitdaging", "stap", "Stap", "stappen", "Stappen", "maandag", "dinsdag", "woensdag",
        "donderdag", "vrijdag", "zaterdag", "zondag", "januari", "februari", "maart", "mei", "juni", "juli", "augustus",
        "oktober",
    };

    [GeneratedRegex(@"\{\d+[^}]*\}")]
    private static partial Regex Placeholder();

    /// <summary>A run of letters between non-letters; letters glued to digits are part of an id ("04de07"), not a word.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}])\p{L}+(?![\p{L}\p{N}])")]
    private static partial Regex Word();
}
