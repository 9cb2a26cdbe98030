using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Accounts;

/// <summary>The beheerder's screen: an account and a team made, the person put on the team, who then finds it as theirs.</summary>
public class AdministrationTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task a_beheerder_makes_an_account_and_a_team_and_the_new_teamlid_finds_it_as_theirs()
    {
        var page = await browser.NewPageAsync(signInAs: "beheer@gemeente.example.nl");
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Beheer" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Beheer", Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel("Naam", new() { Exact = true }).First.FillAsync("Noor");
        await page.GetByLabel("E-mailadres", new() { Exact = true }).First.FillAsync("noor@zorg.example.nl");
        await page.GetByLabel("Wachtwoord (leeg: alleen inloggen via de organisatie)").FillAsync("Noor-Zorg-2026!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Account maken" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "noor@zorg.example.nl" })).ToBeVisibleAsync();

        await page.GetByLabel("Naam van het team").FillAsync("Team Wijk Noord");
        await page.GetByRole(AriaRole.Button, new() { Name = "Team maken" }).ClickAsync();
        var team = page.GetByRole(AriaRole.Region, new() { Name = "Team Wijk Noord" });
        await team.GetByLabel("Naam", new() { Exact = true }).FillAsync("Noor");
        await team.GetByLabel("E-mailadres").FillAsync("noor@zorg.example.nl");
        await team.GetByRole(AriaRole.Button, new() { Name = "Als teamlid toevoegen aan Team Wijk Noord" }).ClickAsync();
        await Expect(team).ToContainTextAsync("Teamleden: Noor (noor@zorg.example.nl)");
        (await Accessibility.Axe.SeriousViolations(page)).Should().BeEmpty();

        // A bad address is refused in Dutch and nothing changes.
        await team.GetByLabel("Naam", new() { Exact = true }).FillAsync("Daan");
        await team.GetByLabel("E-mailadres").FillAsync("geen adres");
        await team.GetByRole(AriaRole.Button, new() { Name = "Als coach toevoegen aan Team Wijk Noord" }).ClickAsync();
        await Expect(page.GetByText("Dit is geen e-mailadres.")).ToBeVisibleAsync();
        await Expect(team).ToContainTextAsync("Coaches: nog geen");

        var noor = await browser.NewPageAsync(signInAs: null);
        await noor.GotoAsync("/inloggen");
        await noor.GetByLabel("E-mailadres").FillAsync("noor@zorg.example.nl");
        await noor.GetByLabel("Wachtwoord").FillAsync("Noor-Zorg-2026!");
        await noor.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Expect(noor.GetByRole(AriaRole.Region, new() { Name = "Mijn teams" })).ToContainTextAsync("Team Wijk Noord");
        await Expect(noor.GetByRole(AriaRole.Link, new() { Name = "Beheer" })).ToHaveCountAsync(0);
        await noor.GotoAsync("/beheer");
        await Expect(noor.GetByRole(AriaRole.Heading, new() { Name = "Geen toegang", Level = 1 })).ToBeVisibleAsync();
    }
}
