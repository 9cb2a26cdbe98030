namespace Obeya.Browser.Tests.Screens;

/// <summary>Every screen of the demo, with who opens it (null: nobody signed in) and a short name for screenshots.</summary>
public static class DemoScreens
{
    public const string Director = "pieter@gemeente.example.nl";
    public const string Administrator = "beheer@gemeente.example.nl";

    public static async Task<IReadOnlyList<(string? Who, string Path, string Name)>> All(BrowserFixture browser)
    {
        using var api = new DemoApi(browser.BaseUrl);
        var (teamId, trackId, _) = await api.DemoTrack();
        var (_, wall) = await api.CreateWallScreen(teamId, trackId);
        using var director = new DemoApi(browser.BaseUrl, Director);
        var programme = (await director.Get("/api/v1/programmes"))[0];
        var programmeId = programme.GetProperty("id").GetGuid();
        var goal = programme.GetProperty("transitionGoals")[0].GetProperty("id").GetGuid();
        var process = (await api.Get("/api/v1/processes?search=invordering"))[0].GetProperty("id").GetGuid();
        var theme = (await api.Get("/api/v1/signal-themes")).EnumerateArray().First(t => t.GetProperty("name").GetString() == "Terugmelding zonder reden").GetProperty("id").GetGuid();
        return
        [
            (null, "/inloggen", "inloggen"),
            (null, wall, "wandscherm"),
            (BrowserFixture.EmmyEmail, "/", "home"),
            (BrowserFixture.EmmyEmail, $"/teams/{teamId}", "team"),
            (BrowserFixture.EmmyEmail, $"/tracks/{trackId}", "storyboard"),
            (BrowserFixture.EmmyEmail, $"/tracks/{trackId}?wand=1", "storyboard-wand"),
            (BrowserFixture.EmmyEmail, $"/teams/{teamId}/standup", "standup"),
            (BrowserFixture.EmmyEmail, $"/teams/{teamId}/audit", "audit"),
            (BrowserFixture.EmmyEmail, $"/teams/{teamId}/standup?wand=1", "standup-wand"),
            (BrowserFixture.EmmyEmail, $"/teams/{teamId}/sessies", "sessies"),
            (BrowserFixture.EmmyEmail, "/bestaat-niet", "niet-gevonden"),
            (BrowserFixture.EmmyEmail, "/wachtwoord", "wachtwoord"),
            (BrowserFixture.EmmyEmail, "/uitloggen", "account"),
            (Director, "/", "home-director"),
            (Director, "/obeya", "obeya"),
            (Director, $"/obeya/{programmeId}", "obeya-strategisch"),
            (Director, $"/obeya/{programmeId}/transitiedoelen/{goal}", "obeya-tactisch"),
            (Director, $"/obeya/{programmeId}/belemmeringen", "obeya-belemmeringen"),
            (Director, $"/obeya/{programmeId}/afhankelijkheden", "obeya-afhankelijkheden"),
            (Director, $"/obeya/{programmeId}/geblokkeerd", "obeya-geblokkeerd"),
            (Director, $"/obeya/{programmeId}/ritme", "obeya-ritme"),
            (BrowserFixture.EmmyEmail, "/processen", "processen"),
            (BrowserFixture.EmmyEmail, $"/processen/{process}", "proces"),
            (BrowserFixture.EmmyEmail, "/klantsignalen", "klantsignalen"),
            (BrowserFixture.EmmyEmail, $"/klantsignalen/{theme}", "klantsignalen-thema"),
            (Administrator, "/beheer", "beheer"),
        ];
    }
}
