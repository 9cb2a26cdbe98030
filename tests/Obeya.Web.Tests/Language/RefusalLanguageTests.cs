using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Obeya.Testing;

namespace Obeya.Web.Tests.Language;

/// <summary>The API answers a refusal in Dutch, unless its caller asks for English the HTTP way.</summary>
public class RefusalLanguageTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    [Fact]
    public async Task the_same_refusal_is_dutch_without_accept_language_and_english_with_it()
    {
        var dutch = await CreateTeamNamed(new string('x', 201), language: null);
        var english = await CreateTeamNamed(new string('x', 201), language: "en");

        (dutch.GetProperty("title").GetString(), dutch.GetProperty("detail").GetString())
            .Should().Be(("Ongeldige invoer", "Maximaal 200 tekens; dit zijn er 201."));
        dutch.GetProperty("errors").GetProperty("name")[0].GetString().Should().Be("Maximaal 200 tekens; dit zijn er 201.");
        (english.GetProperty("title").GetString(), english.GetProperty("detail").GetString())
            .Should().Be(("Invalid input", "At most 200 characters; this has 201."));
        english.GetProperty("errors").GetProperty("name")[0].GetString().Should().Be("At most 200 characters; this has 201.");
    }

    private async Task<JsonElement> CreateTeamNamed(string name, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/teams") { Content = JsonContent.Create(new { name }) };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        var response = await app.ClientFor("Emmy").SendAsync(request);
        return await response.ShouldBeProblem(HttpStatusCode.BadRequest, "name");
    }
}
