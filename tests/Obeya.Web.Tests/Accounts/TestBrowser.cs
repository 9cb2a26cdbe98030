using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;

namespace Obeya.Web.Tests.Accounts;

/// <summary>
/// What a browser without script does across Obeya (in-memory, at https://localhost) and a real identity provider
/// (over the network): one cookie jar for both, redirects followed, forms read from the HTML and submitted.
/// </summary>
public sealed partial class TestBrowser(HttpMessageHandler obeya, HttpMessageHandler provider) : IDisposable
{
    public static readonly Uri Obeya = new("https://localhost/");

    private readonly CookieContainer cookies = new();

    private readonly HttpMessageInvoker toObeya = new(obeya);

    private readonly HttpMessageInvoker toProvider = new(provider);

    /// <summary>Every address this browser was sent to, redirects included, in order.</summary>
    public List<Uri> Visited { get; } = [];

    /// <summary>The Cookie header this browser sends to <paramref name="url"/>.</summary>
    public string CookieHeader(Uri url) => cookies.GetCookieHeader(url);

    public Task<Page> Open(string url) => Navigate(HttpMethod.Get, new Uri(Obeya, url), content: null);

    public Task<Page> Open(Uri url) => Navigate(HttpMethod.Get, url, content: null);

    /// <summary>Submits the page's form (the one whose action contains <paramref name="action"/>, if given), as a click on its button would.</summary>
    public Task<Page> Submit(Page page, string? action = null, params (string Name, string Value)[] fields)
    {
        var form = page.Forms.FirstOrDefault(f => action is null || f.Action.Contains(action, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No form{(action is null ? "" : $" to {action}")} on {page.Address}: {page.Html}");
        var values = new Dictionary<string, string>(form.Fields);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        var target = new Uri(page.Address, WebUtility.HtmlDecode(form.Action));
        return form.Method == "post"
            ? Navigate(HttpMethod.Post, target, new FormUrlEncodedContent(values))
            : Navigate(HttpMethod.Get, new Uri(target, "?" + string.Join('&', values.Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}"))), null);
    }

    /// <summary>Follows the link whose text is <paramref name="text"/>.</summary>
    public Task<Page> Click(Page page, string text)
    {
        var link = Links().Matches(page.Html).FirstOrDefault(m => WebUtility.HtmlDecode(m.Groups["text"].Value).Trim() == text)
            ?? throw new InvalidOperationException($"No link '{text}' on {page.Address}: {page.Html}");
        return Open(new Uri(page.Address, WebUtility.HtmlDecode(link.Groups["href"].Value)));
    }

    private async Task<Page> Navigate(HttpMethod method, Uri url, HttpContent? content)
    {
        for (var redirects = 0; redirects < 20; redirects++)
        {
            Visited.Add(url);
            using var request = new HttpRequestMessage(method, url) { Content = content };
            if (cookies.GetCookieHeader(url) is { Length: > 0 } cookie)
            {
                request.Headers.Add("Cookie", cookie);
            }

            var to = url.Host == Obeya.Host ? toObeya : toProvider;
            using var response = await to.SendAsync(request, CancellationToken.None);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                foreach (var header in set)
                {
                    cookies.SetCookies(url, header);
                }
            }

            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                var next = new Uri(url, location);
                (method, content) = response.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect
                    ? (method, content)
                    : (HttpMethod.Get, null);
                url = next;
                continue;
            }

            return new Page(url, response.StatusCode, await response.Content.ReadAsStringAsync(),
                response.Headers.TryGetValues("Content-Security-Policy", out var policy) ? policy.Single() : null);
        }

        throw new InvalidOperationException($"More than 20 redirects, the last to {url}");
    }

    public void Dispose()
    {
        toObeya.Dispose();
        toProvider.Dispose();
    }

    public sealed record Form(string Action, string Method, IReadOnlyDictionary<string, string> Fields);

    public sealed record Page(Uri Address, HttpStatusCode Status, string Html, string? ContentSecurityPolicy)
    {
        public bool AtObeya => Address.Host == Obeya.Host;

        /// <summary>The page's forms with the named fields they would send as they stand.</summary>
        public IReadOnlyList<Form> Forms => [.. FormTags().Matches(Html).Select(m =>
        {
            var tag = m.Groups["tag"].Value;
            var fields = Inputs().Matches(m.Groups["body"].Value)
                .Select(input => (Name: Attribute(input.Value, "name"), Value: Attribute(input.Value, "value") ?? ""))
                .Where(f => f.Name is not null)
                .ToDictionary(f => f.Name!, f => WebUtility.HtmlDecode(f.Value));
            return new Form(Attribute(tag, "action") ?? Address.ToString(), (Attribute(tag, "method") ?? "get").ToLowerInvariant(), fields);
        })];

        /// <summary>Whether this page asks for a login name and password.</summary>
        public bool AsksForCredentials => Forms.Any(f => f.Fields.ContainsKey("login")) && Html.Contains("type=\"password\"", StringComparison.Ordinal);

        /// <summary>What a reader sees: the text without its tags.</summary>
        public string Text => WebUtility.HtmlDecode(Tags().Replace(Html, ""));

        private static string? Attribute(string tag, string name) =>
            Regex.Match(tag, "\\s" + name + "=\"(?<value>[^\"]*)\"") is { Success: true } m ? m.Groups["value"].Value : null;
    }

    [GeneratedRegex("""<form(?<tag>[^>]*)>(?<body>.*?)</form>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormTags();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("""<input[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex Inputs();

    [GeneratedRegex("""<a[^>]*\shref="(?<href>[^"]*)"[^>]*>(?<text>.*?)</a>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Links();
}
