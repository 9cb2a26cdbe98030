using Obeya.Domain;
using Obeya.Web.Infrastructure;
using Obeya.Web.Infrastructure.Writes;
using Radzen;
using Obeya.Web.Language;

namespace Obeya.Web.Components;

/// <summary>
/// How a screen writes: a refusal or someone else's change to the same item becomes a notice in the reader's language, never an error
/// page; what was stored with a privacy warning says so, as the API's answer does.
/// </summary>
public static class ScreenWrites
{
    /// <summary>
    /// True when stored. A stale item reloads what the screen shows; the fields the person typed in are kept,
    /// since components only clear them on success.
    /// </summary>
    public static async Task<bool> Try(NotificationService notices, Func<Task<Written>> write, Func<Task> reload)
    {
        try
        {
            var written = await write();
            if (written.Warnings.Count > 0)
            {
                notices.Notify(NotificationSeverity.Warning, Words.Say("notice.savedWithWarning"),
                    string.Join(" ", written.Warnings.Select(w => w.Message).Distinct()), 15000);
            }

            return true;
        }
        catch (DomainException refusal)
        {
            notices.Notify(NotificationSeverity.Warning, Words.Say("notice.refused"), refusal.Says.Worded(), 8000);
        }
        catch (ApiProblemException stale) when (stale.Status == StatusCodes.Status412PreconditionFailed)
        {
            await reload();
            notices.Notify(NotificationSeverity.Info, Words.Say("notice.boardChanged"),
                Words.Say("form.changedMeanwhile"), 8000);
        }

        return false;
    }

    /// <summary>A write that stores no board item (an account, a team): refusals as notices, nothing else to tell.</summary>
    public static Task<bool> Try(NotificationService notices, Func<Task> write, Func<Task> reload) =>
        Try(notices, async () =>
        {
            await write();
            return new Written(Guid.Empty, 0, []);
        }, reload);
}
