using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Obeya.Browser.Tests.Accessibility;

/// <summary>axe-core through Deque's Playwright package, run against WCAG 2.1 A and AA.</summary>
public static class Axe
{
    private static readonly AxeRunOptions Wcag21 = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    /// <summary>The violations of impact "serious" or "critical", one line each, for a readable failure.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolations(IPage page)
    {
        var result = await page.RunAxe(Wcag21);
        return [.. result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {string.Join(" | ", v.Nodes.Take(5).Select(n => n.Html))}")];
    }
}
