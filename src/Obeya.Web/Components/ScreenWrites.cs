using Obeya.Domain;
using Obeya.Web.Infrastructure;
using Radzen;

namespace Obeya.Web.Components;

/// <summary>How a screen writes: a refusal or someone else's newer version becomes a Dutch notice, never an error page.</summary>
public static class ScreenWrites
{
    /// <summary>
    /// True when stored. A stale version reloads what the screen shows; the fields the person typed in are kept,
    /// since components only clear them on success.
    /// </summary>
    public static async Task<bool> Try(NotificationService notices, Func<Task> write, Func<Task> reload)
    {
        try
        {
            await write();
            return true;
        }
        catch (DomainException refusal)
        {
            notices.Notify(NotificationSeverity.Warning, "Dat kan niet", refusal.Message, 8000);
        }
        catch (ApiProblemException stale) when (stale.Status == StatusCodes.Status412PreconditionFailed)
        {
            await reload();
            notices.Notify(NotificationSeverity.Info, "Het bord is gewijzigd",
                "Iemand anders was je net voor. Bekijk de nieuwe versie; wat je typte staat er nog.", 8000);
        }

        return false;
    }
}
