using System.Net;
using System.Text.Json;
using Obeya.Testing;

namespace Obeya.Web.Tests.Infrastructure;

public class HostTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task health_endpoints_answer_healthy(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task the_openapi_document_describes_the_api_with_dates_as_strings()
    {
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).Json<JsonElement>();

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.Should().Contain(["/api/v1/teams", "/api/v1/teams/{teamId}/tracks", "/api/v1/tracks/{trackId}"]);
        var schemas = document.GetProperty("components").GetProperty("schemas");
        schemas.GetProperty("Instant").GetProperty("format").GetString().Should().Be("date-time");
        schemas.GetProperty("LocalDate").GetProperty("format").GetString().Should().Be("date");
    }

    [Fact]
    public async Task an_unknown_api_path_is_a_problem_not_a_page()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/niets");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
