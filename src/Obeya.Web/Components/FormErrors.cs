using Obeya.Domain;
using Obeya.Web.Infrastructure;
using Obeya.Web.Infrastructure.Writes;
using Radzen;
using Obeya.Web.Language;

namespace Obeya.Web.Components;

/// <summary>
/// A form's refusals, by the field the domain names, shown next to that field until the person changes it or the
/// next save succeeds; a refusal about a field the form does not show is shown with the form's button. A success says
/// so briefly. The write itself is the API's (the same functions), so the screen shows what the API would answer.
/// </summary>
public sealed class FormErrors(params string[] fields)
{
    /// <summary>Where a refusal about something the form has no field for is shown.</summary>
    public const string Form = "";

    private readonly Dictionary<string, string> errors = [];

    public string? this[string field] => errors.GetValueOrDefault(field);

    public bool Any => errors.Count > 0;

    public void Clear(string field) => errors.Remove(field);

    /// <summary>A refusal the form makes itself, before any write (a field it could not read): shown as the domain's are.</summary>
    public void Refuse(string field, Phrase says)
    {
        errors.Clear();
        errors[fields.Contains(field) ? field : Form] = says.Worded();
    }

    /// <summary>Runs the write; true when it was stored (then the confirmation is shown and the refusals cleared).</summary>
    public async Task<bool> Try(NotificationService notices, Func<Task> write, string confirmation)
    {
        try
        {
            await write();
            errors.Clear();
            notices.Notify(NotificationSeverity.Success, Words.Say("notice.saved"), confirmation, 4000);
            return true;
        }
        catch (DomainException refusal)
        {
            errors.Clear();
            errors[fields.Contains(refusal.Field) ? refusal.Field : Form] = refusal.Says.Worded();
        }
        catch (ApiProblemException stale) when (stale.Status == StatusCodes.Status412PreconditionFailed)
        {
            errors.Clear();
            errors[Form] = Words.Say("form.changedMeanwhile");
        }

        return false;
    }

    /// <summary>The same for a write that answers what it stored.</summary>
    public Task<bool> Try(NotificationService notices, Func<Task<Written>> write, string confirmation) =>
        Try(notices, async () => { await write(); }, confirmation);
}
