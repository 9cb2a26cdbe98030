using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Obeya.Testing;
using Obeya.Web.Tests.Tracks;

namespace Obeya.Web.Tests.WallScreens;

/// <summary>The wall screen's page and fragments over HTTP: what a TV gets by its link, and what a dead link gets.</summary>
public class WallPageTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    private const string Gone = "Deze wandschermlink werkt niet (meer)";

    private readonly HttpClient client = app.ClientFor("Emmy");

    private async Task<(Board Board, Guid Id, string Token)> AWallScreen()
    {
        var board = await Board.StartAsync(app);
        var response = await client.PostAsJsonAsync(
            $"/api/v1/teams/{board.TeamId}/wall-screens", new { name = "Scherm teamkamer", trackIds = new[] { board.TrackId } });
        var created = await response.Json<JsonElement>();
        return (board, created.GetProperty("id").GetGuid(), created.GetProperty("token").GetString()!);
    }

    private static void ShouldKeepTheTokenSecret(HttpResponseMessage response)
    {
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
        response.Headers.GetValues("X-Robots-Tag").Single().Should().StartWith("noindex");
    }

    [Fact]
    public async Task a_live_link_opens_a_whole_dutch_page_with_its_board_and_no_trace_of_the_token_kept()
    {
        var (_, _, token) = await AWallScreen();

        var response = await client.GetAsync($"/wall/{token}");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        ShouldKeepTheTokenSecret(response);
        html.Should().StartWith("<!DOCTYPE html>").And.Contain("<html lang=\"nl\">")
            .And.Contain("/wall.css").And.Contain("/lib/signalr/signalr.min.js").And.Contain("/wall.js")
            .And.Contain("Kwaliteit van het klantgesprek").And.Contain("Uitdaging")
            .And.NotContain("blazor.web.js", "a wall holds no Blazor circuit");
    }

    [Fact]
    public async Task a_board_fragment_is_the_board_as_it_is_now()
    {
        var (board, _, token) = await AWallScreen();

        var response = await client.GetAsync($"/wall/{token}/boards/0");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        ShouldKeepTheTokenSecret(response);
        html.Should().StartWith("<article class=\"wall-board\"").And.Contain($"data-board=\"track:{board.TrackId}\"")
            .And.NotContain("<html");
    }

    [Fact]
    public async Task a_revoked_link_answers_404_with_the_dutch_message_for_the_page_and_its_fragments()
    {
        var (_, id, token) = await AWallScreen();
        (await client.GetAsync($"/wall/{token}")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await client.PostAsync($"/api/v1/wall-screens/{id}/revoke", null)).EnsureSuccessStatusCode();

        var page = await client.GetAsync($"/wall/{token}");
        page.StatusCode.Should().Be(HttpStatusCode.NotFound);
        ShouldKeepTheTokenSecret(page);
        (await page.Content.ReadAsStringAsync()).Should().Contain(Gone).And.Contain("<html lang=\"nl\">");
        var fragment = await client.GetAsync($"/wall/{token}/boards/0");
        fragment.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await fragment.Content.ReadAsStringAsync()).Should().Contain(Gone);
    }

    [Theory]
    [InlineData("kort")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("%3Cscript%3E")]
    [InlineData("..%2F..%2Fapi")]
    public async Task an_unknown_or_malformed_link_answers_404_for_the_page_and_its_fragments(string token)
    {
        var page = await client.GetAsync($"/wall/{token}");
        page.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await page.Content.ReadAsStringAsync()).Should().Contain(Gone);

        (await client.GetAsync($"/wall/{token}/boards/0")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("-1")]
    [InlineData("999999")]
    [InlineData("een")]
    public async Task a_board_the_screen_does_not_have_answers_404(string index)
    {
        var (_, _, token) = await AWallScreen();

        (await client.GetAsync($"/wall/{token}/boards/{index}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
