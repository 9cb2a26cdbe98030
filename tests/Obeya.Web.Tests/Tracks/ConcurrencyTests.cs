using System.Net;
using System.Net.Http.Json;
using Obeya.Testing;

namespace Obeya.Web.Tests.Tracks;

public class ConcurrencyTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    [Fact]
    public async Task two_writes_with_the_same_expected_version_have_exactly_one_winner()
    {
        var (emmy, sander) = (app.ClientFor("Emmy"), app.ClientFor("Sander"));
        // Signed in before counting: a first sign-in stores events of its own.
        await Task.WhenAll(emmy.GetAsync("/api/v1/teams"), sander.GetAsync("/api/v1/teams"));
        for (var round = 0; round < 10; round++)
        {
            var board = await Board.StartAsync(app);
            var version = board.Version;
            var before = await app.EventCount();

            // Two clients that both read version N now write at the same time.
            var responses = await Task.WhenAll(
                Write(emmy, board, version, "Eerste"),
                Write(sander, board, version, "Tweede"));

            responses.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.Created, HttpStatusCode.PreconditionFailed]);
            (await app.EventCount()).Should().Be(before + 1);
            (await board.Read()).GetProperty("obstacles").GetArrayLength().Should().Be(1);
        }
    }

    private static Task<HttpResponseMessage> Write(HttpClient client, Board board, long version, string text)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{board.Path}/obstacles") { Content = JsonContent.Create(new { text }) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return client.SendAsync(request);
    }
}
