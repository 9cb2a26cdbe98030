using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using Obeya.Domain;
using Obeya.Testing;
using Obeya.Web.Language;

namespace Obeya.Web.Tests.Language;

/// <summary>
/// Every phrase the code says has its Dutch: <c>Phrase.Of("key", ...)</c> in the domain and the web, and
/// <c>Words.Say("key", ...)</c> in the web. Read from the sources, so a refusal that is never thrown in a test is checked
/// too; a key without wording would otherwise only show up as an error on someone's screen.
/// </summary>
public sealed partial class PhraseKeyTests
{
    private static readonly string Sources = Path.Combine(RepoFiles.Root, "src");

    [Fact]
    public void every_phrase_key_in_the_sources_has_its_dutch()
    {
        var said = Said().ToList();
        said.Should().Contain(s => s.Key == "track.obstacleNotFound", "the domain's refusals are read from the sources");
        said.Should().Contain(s => s.Key == "api.notFoundTitle", "the web's own problems are read from the sources");

        said.Where(s => !Words.Knows(s.Key)).Select(s => $"{s.File}: \"{s.Key}\" has no Dutch in Language/Refusals, History or Phrases")
            .Should().BeEmpty();
    }

    [Fact]
    public void a_phrase_is_always_asked_for_by_a_literal_key()
    {
        // A key made at run time is not read by the test above, so it could lack its Dutch unnoticed.
        Files().SelectMany(file => NotLiteral().Matches(Comment().Replace(File.ReadAllText(file), ""))
                .Select(m => $"{Path.GetRelativePath(Sources, file)}: {m.Value}"))
            .Should().BeEmpty();
    }

    [Fact]
    public void a_key_without_wording_is_a_defect_not_a_sentence()
    {
        var say = () => Words.Say("track.noSuchPhrase");
        say.Should().Throw<InvalidOperationException>().WithMessage("*track.noSuchPhrase*");
    }

    [Fact]
    public void a_refusal_writes_its_dates_and_numbers_as_the_reader_does()
    {
        var date = Phrase.Of("date.outOfRange", new LocalDate(2000, 1, 1), new LocalDate(2100, 12, 31));
        var number = Phrase.Of("number.outOfRange", 1_000_000_000L);

        ScreenTextTests.In(ObeyaCulture.Dutch, date.Worded).Should().Be("Kies een datum tussen 1 januari 2000 en 31 december 2100.");
        ScreenTextTests.In(ObeyaCulture.English, date.Worded).Should().Be("Choose a date between 1 January 2000 and 31 December 2100.");
        ScreenTextTests.In(ObeyaCulture.Dutch, number.Worded).Should().Be("Kies een getal tussen -1.000.000.000 en 1.000.000.000.");
        ScreenTextTests.In(ObeyaCulture.English, number.Worded).Should().Be("Choose a number between -1,000,000,000 and 1,000,000,000.");
    }

    private static IEnumerable<(string File, string Key)> Said() =>
        Files().SelectMany(file => Literal().Matches(Comment().Replace(File.ReadAllText(file), ""))
            .Select(m => (Path.GetRelativePath(Sources, file), m.Groups[1].Value)));

    private static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Sources, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex("""\b(?:Phrase\.Of|Words\.Say)\(\s*"([^"\\]*)"\s*[,)]""")]
    private static partial Regex Literal();

    [GeneratedRegex("""\b(?:Phrase\.Of|Words\.Say)\(\s*[^"\s][^\n]*""")]
    private static partial Regex NotLiteral();

    [GeneratedRegex(@"^\s*//[^\n]*|@\*[\s\S]*?\*@", RegexOptions.Multiline)]
    private static partial Regex Comment();
}
