using System.Net.Http.Json;
using System.Text;

namespace Obeya.Web.Tests;

/// <summary>
/// A client of one versioned stream, as a screen keeps it: the version it last saw goes out in If-Match, the
/// ETag of every successful answer comes back in.
/// </summary>
public abstract class VersionedClient(HttpClient client)
{
    protected HttpClient Client { get; } = client;

    public long Version { get; protected set; }

    public abstract string Path { get; }

    /// <summary>Sends a change with the version last seen (or the given If-Match value; "" sends none); on success takes the new version.</summary>
    public async Task<HttpResponseMessage> Send(HttpMethod method, string relativePath, object? body = null, string? ifMatch = null, string? rawJson = null)
    {
        var request = new HttpRequestMessage(method, Path + relativePath);
        if (ifMatch != "")
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch ?? $"\"{Version}\"");
        }

        if (rawJson is not null)
        {
            request.Content = new StringContent(rawJson, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        var response = await Client.SendAsync(request);
        if (response.IsSuccessStatusCode)
        {
            Version = VersionOf(response);
        }

        return response;
    }

    public static long VersionOf(HttpResponseMessage response) => long.Parse(response.Headers.ETag!.Tag.Trim('"'));
}
