using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Tracks;

/// <summary>Agreeing a small step as a person does it: the text, the owner from the list, the button.</summary>
public static class StepForm
{
    public static async Task Agree(IPage page, string text, string owner)
    {
        await page.GetByLabel("Nieuwe stap").FillAsync(text);
        await page.GetByLabel("Eigenaar", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = owner });
        await page.GetByRole(AriaRole.Button, new() { Name = "Stap afspreken" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = text, Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Nieuwe stap")).ToHaveValueAsync("");
    }
}
