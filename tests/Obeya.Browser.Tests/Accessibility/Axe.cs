using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Obeya.Browser.Tests.Screens;

namespace Obeya.Browser.Tests.Accessibility;

/// <summary>
/// axe-core through Deque's Playwright package, run against WCAG 2.1 A and AA once the screen is ready (it runs in its
/// circuit and has stopped changing: while a circuit starts, the page draws itself again and its title is briefly gone).
/// </summary>
public static class Axe
{
    private static readonly AxeRunOptions Wcag21 = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        // Only violations are read: collecting every passing node as well takes a second a page on two cores.
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>The same, with axe's experimental check that a visible label is part of the accessible name (WCAG 2.5.3).</summary>
    private static readonly AxeRunOptions Wcag21WithLabelInName = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        Rules = new Dictionary<string, RuleOptions> { ["label-content-name-mismatch"] = new() { Enabled = true } },
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>
    /// The rules a screen's language can break: names, labels, titles, the page's language, and a visible label that
    /// must be part of the name. Contrast, structure and keyboard stay what they are in another language.
    /// </summary>
    private static readonly AxeRunOptions WordingRules = new()
    {
        RunOnly = new RunOnlyOptions
        {
            Type = "rule",
            Values = ["label-content-name-mismatch", "document-title", "html-has-lang", "html-lang-valid", "valid-lang",
                "button-name", "link-name", "label", "input-button-name", "select-name", "aria-input-field-name",
                "aria-toggle-field-name", "aria-command-name", "aria-dialog-name", "aria-progressbar-name",
                "aria-tooltip-name", "image-alt", "input-image-alt", "svg-img-alt", "role-img-alt", "frame-title",
                "summary-name", "empty-table-header"],
        },
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>The violations of <see cref="WordingRules"/>, for a screen shown in another language.</summary>
    public static Task<IReadOnlyList<string>> WordingViolations(IPage page) => Run(page, WordingRules, _ => true);

    /// <summary>Every violation, of any impact, one line each, for a readable failure.</summary>
    public static Task<IReadOnlyList<string>> Violations(IPage page) => Run(page, Wcag21WithLabelInName, _ => true);

    /// <summary>The violations of impact "serious" or "critical", one line each, for a readable failure.</summary>
    public static Task<IReadOnlyList<string>> SeriousViolations(IPage page) =>
        Run(page, Wcag21, v => v.Impact is "serious" or "critical");

    /// <summary>axe's violations that <paramref name="counts"/>, and the names that are code, once the screen is ready.</summary>
    private static async Task<IReadOnlyList<string>> Run(IPage page, AxeRunOptions options, Func<AxeResultItem, bool> counts)
    {
        await page.ReadyAsync();
        var result = await page.RunAxe(options);
        return [.. result.Violations.Where(counts)
            .Select(v => $"{v.Id} ({v.Impact}): {string.Join(" | ", v.Nodes.Take(5).Select(n => n.Html))}"),
            .. await NamesThatAreCode(page)];
    }

    /// <summary>
    /// What axe lets pass: an accessible name a screen reader reads out that is a programmer's word, an id or a field
    /// name ("wallScreenTracks", a GUID), as a component makes of its Name when nobody gave it a label (WCAG 4.1.2).
    /// </summary>
    private static async Task<IReadOnlyList<string>> NamesThatAreCode(IPage page) =>
        await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('[aria-label]')]
                .filter(e => !e.closest('[aria-hidden=true],[inert]'))
                .filter(e => /^[a-z]+([A-Z][a-z0-9]*)+$|[0-9a-f]{8}-[0-9a-f]{4}-/.test(e.getAttribute('aria-label').trim()))
                .map(e => `accessible-name-is-code (serious): ${e.outerHTML.slice(0, 160)}`)
            """);
}
