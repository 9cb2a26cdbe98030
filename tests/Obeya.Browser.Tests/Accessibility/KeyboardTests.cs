using System.Net;
using Microsoft.Playwright;
using Obeya.Browser.Tests.Screens;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Accessibility;

/// <summary>
/// Keyboard and screen-reader use beyond axe's rules: where focus goes after every action, the skip link, a dialog's
/// first button, the dependency map as text, the not-found page.
/// </summary>
public class KeyboardTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Beheerder = "beheer@gemeente.example.nl";
    private const string Director = "pieter@gemeente.example.nl";
    private readonly DemoApi api = new(browser.BaseUrl);

    [Fact]
    public async Task the_storyboard_by_keyboard_keeps_focus_on_what_was_acted_on()
    {
        var trackId = await api.DemoTrackId();
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/tracks/{trackId}");
        await Expect(page.GetByLabel("Nieuw obstakel")).ToBeVisibleAsync();
        var obstacle = $"Dossiers liggen op drie plekken {Guid.NewGuid():N}"[..40];

        // Adding: back to the empty field, for the next one.
        await page.GetByLabel("Nieuw obstakel").FillAsync(obstacle);
        await Press(page.GetByRole(AriaRole.Button, new() { Name = "Obstakel toevoegen" }));
        await Expect(page.Locator("li.obstacle", new() { HasText = obstacle })).ToBeVisibleAsync();
        await Expect(page.Locator("input[name=obstacleText]")).ToBeFocusedAsync();
        await Expect(page.Locator("input[name=obstacleText]")).ToHaveValueAsync("");

        // The experiment that runs is closed first: focus goes to its row.
        await page.GetByLabel("Wat gebeurde er werkelijk?").FillAsync("Noord gaf bijna altijd de reden");
        await page.GetByLabel("Wat hebben we geleerd?").FillAsync("Een vaste contactpersoon helpt");
        await Press(page.GetByRole(AriaRole.Button, new() { Name = "Uitkomst vastleggen" }));
        await Expect(page.Locator("tr", new() { HasText = "Noord gaf bijna altijd de reden" })).ToBeFocusedAsync();

        // "In focus": the obstacle moves to the focus zone, and focus moves with it.
        await Press(page.GetByRole(AriaRole.Button, new() { Name = $"Zet '{obstacle}' in focus" }));
        await Expect(page.Locator("p.focused", new() { HasText = obstacle })).ToBeFocusedAsync();

        // A new experiment against it: focus on its row.
        await page.GetByLabel("Stap", new() { Exact = true }).FillAsync("Dossiers op één plek leggen");
        await page.GetByLabel("Wat verwachten we?").FillAsync("Minder zoeken");
        await Press(page.GetByRole(AriaRole.Button, new() { Name = "Experiment plannen" }));
        await Expect(page.Locator("tr", new() { HasText = "Dossiers op één plek leggen" })).ToBeFocusedAsync();

        // Rephrasing: into the field, and back to the obstacle once saved.
        await Press(page.GetByRole(AriaRole.Button, new() { Name = $"Wijzig '{obstacle}'" }));
        await Expect(page.Locator("input[name=editObstacle]")).ToBeFocusedAsync();
        var reworded = obstacle + " (herzien)";
        await page.Locator("input[name=editObstacle]").FillAsync(reworded);
        await Press(page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }));
        await Expect(page.Locator("p.focused", new() { HasText = reworded })).ToBeFocusedAsync();

        // Its experiment closed (an obstacle leaves focus only then): to the experiment's row.
        await page.GetByLabel("Wat gebeurde er werkelijk?").FillAsync("Alles lag binnen een week op één plek");
        await page.GetByLabel("Wat hebben we geleerd?").FillAsync("Eén plek scheelt zoeken");
        await Press(page.GetByRole(AriaRole.Button, new() { Name = "Uitkomst vastleggen" }));
        await Expect(page.Locator("tr", new() { HasText = "Alles lag binnen een week op één plek" })).ToBeFocusedAsync();

        // Out of focus, then resolved: focus stays on the obstacle in the parking lot.
        await Press(page.GetByRole(AriaRole.Button, new() { Name = "Uit focus halen" }));
        await Expect(page.Locator("li.obstacle", new() { HasText = reworded })).ToBeFocusedAsync();
        await Press(page.GetByRole(AriaRole.Button, new() { Name = $"'{reworded}' is opgelost" }));
        await Expect(page.Locator("li.obstacle", new() { HasText = reworded })).ToBeFocusedAsync();
        await Expect(page.Locator("li.obstacle", new() { HasText = reworded })).ToContainTextAsync("opgelost");

        // A small step without a date: the form says beforehand which date the server fills in.
        var step = $"Archiefkast leegmaken {Guid.NewGuid():N}"[..30];
        await page.Locator("input[name=stepText]").FillAsync(step);
        await page.GetByLabel("Eigenaar", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Emmy" });
        var promised = await page.Locator("#new-step-due-default").InnerTextAsync();
        promised.Should().StartWith("Leeg: de volgende sessie, ");
        await Press(page.GetByRole(AriaRole.Button, new() { Name = "Stap afspreken" }));
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = step });
        await Expect(row).ToContainTextAsync(promised["Leeg: de volgende sessie, ".Length..]);
        await Expect(page.Locator("input[name=stepText]")).ToBeFocusedAsync();

        // Changing the step: into its owner field; saved, back to its button. Done: focus stays on its row.
        await Press(row.GetByRole(AriaRole.Button, new() { Name = "Wijzig eigenaar of datum" }));
        await Expect(row.GetByLabel("Eigenaar", new() { Exact = true })).ToBeFocusedAsync();
        await Press(row.GetByRole(AriaRole.Button, new() { Name = "Annuleren" }));
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Wijzig eigenaar of datum" })).ToBeFocusedAsync();
        await Press(row.GetByRole(AriaRole.Button, new() { Name = $"'{step}' is gedaan" }));
        await Expect(row).ToBeFocusedAsync();
        await Expect(row).ToContainTextAsync("gedaan");

        // The current condition and a measurement: each form opens on its button and closes once saved, with focus
        // on what was saved.
        await Press(page.GetByRole(AriaRole.Button, new() { Name = "Huidige toestand beschrijven" }));
        await Expect(page.Locator("textarea[name=currentDescription]")).ToBeFocusedAsync();
        await page.Locator("textarea[name=currentDescription]").FillAsync("Vier van de tien dossiers liggen op één plek");
        await Press(page.GetByRole(AriaRole.Button, new() { Name = "Vastleggen" }));
        await Expect(page.Locator("#current-description")).ToBeFocusedAsync();
        await Expect(page.Locator("#current-description")).ToContainTextAsync("Vier van de tien dossiers");
        await Expect(page.Locator("textarea[name=currentDescription]")).ToHaveCountAsync(0);

        await Press(page.GetByRole(AriaRole.Button, new() { Name = "Meting toevoegen" }).First);
        var date = page.GetByLabel("Datum", new() { Exact = true });
        await Expect(date).ToBeFocusedAsync();
        await Expect(page.GetByText("Leeg: vandaag, ")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Spinbutton, new() { Name = "Waarde (%)" }).FillAsync("42");
        await Press(page.GetByRole(AriaRole.Button, new() { Name = "Meting opslaan" }));
        await Expect(page.Locator("figcaption").First).ToBeFocusedAsync();
        await Expect(page.Locator("figure.metric table").First).ToContainTextAsync("42");
        await Expect(date).ToHaveCountAsync(0);

        // The challenge: into the text, and back to its button.
        await Press(page.GetByRole(AriaRole.Button, new() { Name = "Herformuleren" }));
        await Expect(page.Locator("textarea[name=challenge]")).ToBeFocusedAsync();
        await Press(page.GetByRole(AriaRole.Region, new() { Name = "Uitdaging" }).GetByRole(AriaRole.Button, new() { Name = "Annuleren" }));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Herformuleren" })).ToBeFocusedAsync();
        (await page.EvaluateAsync<bool>("() => document.activeElement === document.body")).Should().BeFalse();
    }

    [Fact]
    public async Task the_owner_picker_is_left_with_one_tab_and_a_date_is_typed_from_the_keyboard()
    {
        var trackId = await api.DemoTrackId();
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/tracks/{trackId}");
        var owner = page.Locator("#new-step-owner");
        await Expect(owner).ToBeVisibleAsync();

        await owner.FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#new-step-due")).ToBeFocusedAsync();

        // The date field is worked from the keyboard: arrows set each part (day, month, year), Tab goes to the next.
        // Day and month both start at 1, so the order of the parts (the browser's language) does not matter.
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(page.Locator("#new-step-due")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^\d{4}-01-01$"));
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#new-step-due-default")).ToHaveTextAsync("");
    }

    [Fact]
    public async Task the_skip_link_goes_to_the_main_content_of_the_page_itself()
    {
        var (teamId, _, _) = await api.DemoTrack();
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/teams/{teamId}");
        // Once the circuit runs: it draws the page again, and the focus on the drawn-over main goes with it.
        await page.ReadyAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Team Werk", Level = 1 })).ToBeVisibleAsync();
        // The skip link is the first stop of the keyboard on the page.
        (await page.EvaluateAsync<bool>("() => document.querySelector('a[href], button, input, select, textarea') === document.querySelector('a.skip-link')"))
            .Should().BeTrue();

        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Naar de inhoud" });
        await skip.FocusAsync();
        await Expect(skip).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("main#main")).ToBeFocusedAsync();
        new Uri(page.Url).AbsolutePath.Should().Be($"/teams/{teamId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Team Werk", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task a_confirmation_opens_on_its_safe_button_in_dutch()
    {
        var page = await browser.NewPageAsync(signInAs: Beheerder);
        await page.GotoAsync("/beheer");
        var remove = page.GetByRole(AriaRole.Button, new() { Name = "Account van Emmy verwijderen" });
        await Press(remove);

        var dialog = page.GetByRole(AriaRole.Alertdialog);
        await Expect(dialog).ToContainTextAsync("Emmy kan daarna niet meer inloggen.");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Annuleren" })).ToBeFocusedAsync();
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Venster sluiten" })).ToHaveCountAsync(1);
        (await Axe.Violations(page)).Should().BeEmpty();

        // Enter on the focused button keeps the account.
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "emmy@werk.example.nl" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task the_dependency_map_is_also_a_list_that_says_what_is_blocked_and_why()
    {
        var page = await browser.NewPageAsync(signInAs: Director);
        await page.GotoAsync("/obeya");
        await page.GetByRole(AriaRole.Link, new() { Name = "Transformatie naar publieke dienstverlener" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Afhankelijkheden" }).ClickAsync();

        var list = page.GetByRole(AriaRole.Region, new() { Name = "Afhankelijkheden als lijst" });
        await Expect(list).ToBeVisibleAsync();
        // "Dashboard klantbeleving" needs the blocked schuldhulp goal: the list says so, with the roll-up's reason.
        var blocked = list.GetByRole(AriaRole.Row).Filter(new() { HasText = "Dashboard klantbeleving" });
        await Expect(blocked.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("Ja");
        (await blocked.GetByRole(AriaRole.Cell).Nth(3).InnerTextAsync()).Trim().Should().NotBeEmpty().And.NotBe("—");

        // Reached by keyboard: its links are in the tab order and lead to the board behind them. Once the screen runs
        // in its circuit: started, Blazor draws the prerendered page again, and a focus set before that is lost.
        await page.ReadyAsync();
        var link = blocked.GetByRole(AriaRole.Link).First;
        await link.FocusAsync();
        await Expect(link).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToHaveTextAsync("Afhankelijkheden");
    }

    [Fact]
    public async Task an_unknown_address_is_the_dutch_not_found_page_and_the_api_keeps_its_problem()
    {
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync("/dit-adres-bestaat-niet");

        response!.Status.Should().Be(404);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Niet gevonden", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Naar de startpagina" })).ToBeVisibleAsync();
        // In the app's own layout, with its top bar.
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" })).ToBeVisibleAsync();
        (await Axe.Violations(page)).Should().BeEmpty();

        var problem = await api.Http.GetAsync("/api/v1/dit-bestaat-niet");
        problem.StatusCode.Should().Be(HttpStatusCode.NotFound);
        problem.Content.Headers.ContentType?.MediaType.Should().NotBe("text/html");
    }

    /// <summary>Activates a button as a keyboard user does: focus it, press Enter.</summary>
    private static async Task Press(ILocator button)
    {
        await button.FocusAsync();
        await button.PressAsync("Enter");
    }
}
