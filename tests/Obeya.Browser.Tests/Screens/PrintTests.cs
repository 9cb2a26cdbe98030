using System.Text.Json;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Screens;

/// <summary>
/// Paper: the storyboard and the Obeya views printed to A3 landscape by Chromium hold the whole board (every
/// experiment, every open step) and none of the screen's buttons.
/// </summary>
public sealed class PrintTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private const string Director = "pieter@gemeente.example.nl";

    private readonly DemoApi api = new(browser.BaseUrl);

    [Fact]
    public async Task the_storyboard_prints_every_panel_experiment_and_open_step_and_no_button()
    {
        var trackId = await api.DemoTrackId();
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/tracks/{trackId}");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Obstakel toevoegen" })).ToBeVisibleAsync();

        var (text, buttons) = await Print(page, "storyboard");

        foreach (var panel in new[] { "Uitdaging", "Doeltoestand", "Huidige toestand", "Obstakels", "Experimenten", "Kleine stappen" })
        {
            text.Should().Contain(Squeezed(panel));
        }

        var track = await api.Track(trackId);
        foreach (var experiment in track.GetProperty("experiments").EnumerateArray())
        {
            text.Should().Contain(Squeezed(experiment.GetProperty("step").GetString()!));
        }

        foreach (var step in track.GetProperty("smallSteps").EnumerateArray().Where(s => s.GetProperty("state").GetString() == "open"))
        {
            text.Should().Contain(Squeezed(step.GetProperty("text").GetString()!));
        }

        foreach (var obstacle in track.GetProperty("obstacles").EnumerateArray().Where(o => o.GetProperty("state").GetString() == "open"))
        {
            text.Should().Contain(Squeezed(obstacle.GetProperty("text").GetString()!));
        }

        buttons.Should().Contain(["Obstakel toevoegen", "Stap afspreken", "Uitloggen"], "the screen has them");
        foreach (var button in buttons)
        {
            text.Should().NotContain(Squeezed(button), "paper has no buttons");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("/transitiedoelen/{goal}")]
    [InlineData("/belemmeringen")]
    [InlineData("/afhankelijkheden")]
    public async Task each_obeya_view_prints_on_a3_without_its_levers(string view)
    {
        using var director = new DemoApi(browser.BaseUrl, Director);
        var programme = (await director.Get("/api/v1/programmes"))[0];
        var goal = programme.GetProperty("transitionGoals")[0].GetProperty("id").GetGuid();
        var page = await browser.NewPageAsync(signInAs: Director);
        await page.GotoAsync($"/obeya/{programme.GetProperty("id").GetGuid()}{view.Replace("{goal}", goal.ToString(), StringComparison.Ordinal)}");
        await Expect(page.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        var heading = (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync())!;

        var (text, buttons) = await Print(page, $"obeya{view.Replace('/', '-').Replace("{goal}", "goal", StringComparison.Ordinal)}");

        text.Should().Contain(Squeezed(heading));
        foreach (var button in buttons)
        {
            text.Should().NotContain(Squeezed(button), "paper has no buttons");
        }
    }

    /// <summary>
    /// Prints the page as Chromium does to A3 landscape; the PDF's text without white space (lines wrap anywhere on
    /// paper), and the texts of the screen's buttons that are not also words of the board itself.
    /// </summary>
    private static async Task<(string Text, IReadOnlyList<string> Buttons)> Print(IPage page, string name)
    {
        await page.ReadyAsync();
        var buttons = await page.EvaluateAsync<string[]>(
            """
            () => {
                const controls = "button, .rz-button, a[href='/uitloggen'], summary";
                const texts = [...new Set([...document.querySelectorAll(controls)].map(b => b.textContent.trim()).filter(t => t.length > 2))];
                const board = document.body.cloneNode(true);
                board.querySelectorAll(controls).forEach(b => b.remove());
                const rest = board.textContent.replace(/\s+/g, "");
                return texts.filter(t => !rest.includes(t.replace(/\s+/g, "")));
            }
            """);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var pdf = await page.PdfAsync(new() { Format = "A3", Landscape = true, PrintBackground = true });
        Directory.CreateDirectory("/tmp/wall-shots");
        await File.WriteAllBytesAsync($"/tmp/wall-shots/{name}.pdf", pdf);

        using var document = PdfDocument.Open(pdf);
        var first = document.GetPage(1);
        first.Width.Should().BeGreaterThan(first.Height, "A3 landscape");
        first.Width.Should().BeApproximately(1190.55, 2, "A3 is 420 mm wide");
        var text = string.Concat(document.GetPages().Select(p => Squeezed(ContentOrderTextExtractor.GetText(p))));
        return (text, buttons);
    }

    // Compatibility forms too: the PDF's fonts set "ij" and "fi" as one ligature glyph.
    private static string Squeezed(string text) => string.Concat(text.Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)));

    public void Dispose() => api.Dispose();
}
