using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Playwright;

namespace Obeya.Browser.Tests.Accessibility;

/// <summary>
/// axe-core, the npm package, fetched once from the registry (pinned, its integrity checked), kept in the temp
/// folder, and injected into a page by Playwright to check it against WCAG 2.1 A and AA.
/// </summary>
public static class Axe
{
    private const string Version = "4.11.0";
    private const string Tarball = $"https://registry.npmjs.org/axe-core/-/axe-core-{Version}.tgz";
    private const string Integrity = "ilYanEU8vxxBexpJd8cWM4ElSQq4QctCLKih0TSfjIfCQTeyH/6zVrmIJfLPrKTKJRbiG+cfnZbQIjAlJmF1jQ==";

    private static readonly SemaphoreSlim Loading = new(1, 1);
    private static string? script;

    /// <summary>The violations of impact "serious" or "critical", one line each, for a readable failure.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolations(IPage page)
    {
        // Evaluated through the DevTools protocol: an inline <script> tag would be refused by the app's Content-Security-Policy.
        await page.EvaluateAsync(await Script());
        // Reduced in the page: axe's own result shares objects, which Playwright hands over as references.
        var violations = await page.EvaluateAsync<Violation[]>(
            """
            async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))
                .violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map(n => n.html) }))
            """);
        return [.. violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id} ({v.Impact}): {string.Join(" | ", v.Nodes)}")];
    }

    /// <summary>Settable, as Playwright fills what a page returns.</summary>
    private sealed class Violation
    {
        public string Id { get; set; } = "";

        public string? Impact { get; set; }

        public string[] Nodes { get; set; } = [];
    }

    private static async Task<string> Script()
    {
        await Loading.WaitAsync();
        try
        {
            return script ??= await LoadScript();
        }
        finally
        {
            Loading.Release();
        }
    }

    private static async Task<string> LoadScript()
    {
        var cached = Path.Combine(Path.GetTempPath(), "obeya-tests", $"axe-core-{Version}.tgz");
        if (!File.Exists(cached) || !HasIntegrity(await File.ReadAllBytesAsync(cached)))
        {
            using var http = new HttpClient();
            var downloaded = await http.GetByteArrayAsync(Tarball);
            if (!HasIntegrity(downloaded))
            {
                throw new InvalidOperationException($"{Tarball} does not match its pinned sha512 integrity.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
            await File.WriteAllBytesAsync(cached, downloaded);
        }

        await using var gzip = new GZipStream(File.OpenRead(cached), CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            if (entry.Name == "package/axe.min.js" && entry.DataStream is { } data)
            {
                using var reader = new StreamReader(data);
                return await reader.ReadToEndAsync();
            }
        }

        throw new InvalidOperationException($"{Tarball} holds no package/axe.min.js.");
    }

    private static bool HasIntegrity(byte[] tarball) => Convert.ToBase64String(SHA512.HashData(tarball)) == Integrity;
}
