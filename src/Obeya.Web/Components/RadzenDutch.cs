using System.Globalization;
using Radzen;

namespace Obeya.Web.Components;

/// <summary>
/// Radzen's own words (a dialog's close button, an empty drop-down, a date picker's buttons) in Dutch: Radzen ships
/// no Dutch, and a screen reader would otherwise read English names in the middle of a Dutch screen.
/// </summary>
public sealed class RadzenDutch : ILocalizer
{
    /// <summary>Every key of the components Obeya uses; other cultures keep Radzen's own text.</summary>
    public static readonly IReadOnlyDictionary<string, string> Words = new Dictionary<string, string>
    {
        ["Button_ImageAlternateText"] = "knop",
        ["DatePicker_CalendarWeekTitle"] = "week",
        ["DatePicker_ClearAriaLabel"] = "Datum wissen",
        ["DatePicker_DisabledAriaLabel"] = "niet te kiezen",
        ["DatePicker_HourAriaLabel"] = "Uur",
        ["DatePicker_MinutesAriaLabel"] = "Minuten",
        ["DatePicker_NextMonthAriaLabel"] = "Volgende maand",
        ["DatePicker_NextYearAriaLabel"] = "Volgend jaar",
        ["DatePicker_OkAriaLabel"] = "Kiezen",
        ["DatePicker_PopupAriaLabel"] = "Kalender",
        ["DatePicker_PrevMonthAriaLabel"] = "Vorige maand",
        ["DatePicker_PrevYearAriaLabel"] = "Vorig jaar",
        ["DatePicker_RangeEndAriaLabel"] = "einde van de periode",
        ["DatePicker_RangeStartAriaLabel"] = "begin van de periode",
        ["DatePicker_SecondsAriaLabel"] = "Seconden",
        ["DatePicker_SelectedAriaLabel"] = "gekozen",
        ["DatePicker_TodayAriaLabel"] = "vandaag",
        ["DatePicker_ToggleAmPmAriaLabel"] = "Voor of na de middag",
        ["DatePicker_ToggleAriaLabel"] = "Kalender openen",
        ["Dialog_AlertTitle"] = "Bericht",
        ["Dialog_CancelText"] = "Annuleren",
        ["Dialog_CloseAriaLabel"] = "Venster sluiten",
        ["Dialog_CloseSideDialogAriaLabel"] = "Zijvenster sluiten",
        ["Dialog_ConfirmMessage"] = "Weet je het zeker?",
        ["Dialog_ConfirmTitle"] = "Bevestigen",
        ["Dialog_OkText"] = "Ja",
        ["Dialog_ResizeBarAriaLabel"] = "Breedte van het zijvenster",
        ["Dialog_ResizeBarTitle"] = "Sleep om de breedte te wijzigen",
        ["DropDown_ClearAriaLabel"] = "Keuze wissen",
        ["DropDown_EmptyAriaLabel"] = "Niets gekozen",
        ["DropDown_RemoveChipTitle"] = "Weghalen",
        ["DropDown_SearchAriaLabel"] = "Zoeken",
        ["DropDown_SelectedItemsText"] = "gekozen",
        ["ListBox_EmptyText"] = "Niets om te tonen.",
        ["Notification_CloseAriaLabel"] = "Melding sluiten",
        ["NumericRangeValidator_Text"] = "Dit getal past niet",
        ["Numeric_DownAriaLabel"] = "Lager",
        ["Numeric_UpAriaLabel"] = "Hoger",
        ["Pager_FirstPageAriaLabel"] = "Naar de eerste pagina.",
        ["Pager_FirstPageTitle"] = "Eerste pagina",
        ["Pager_LastPageAriaLabel"] = "Naar de laatste pagina.",
        ["Pager_LastPageTitle"] = "Laatste pagina",
        ["Pager_NavigationAriaLabel"] = "Pagina's",
        ["Pager_NextPageAriaLabel"] = "Naar de volgende pagina.",
        ["Pager_NextPageTitle"] = "Volgende pagina",
        ["Pager_PageAriaLabelFormat"] = "Naar pagina {0}.",
        ["Pager_PageSizeText"] = "per pagina",
        ["Pager_PageTitleFormat"] = "Pagina {0}",
        ["Pager_PagingSummaryFormat"] = "Pagina {0} van {1} ({2} regels)",
        ["Pager_PrevPageAriaLabel"] = "Naar de vorige pagina.",
        ["Pager_PrevPageTitle"] = "Vorige pagina",
        ["Pager_ReloadAriaLabel"] = "Deze pagina opnieuw laden.",
        ["Pager_ReloadTitle"] = "Opnieuw laden",
        ["RequiredValidator_Text"] = "Vul dit in",
        ["Text_AnchorAriaLabel"] = "Link naar dit deel",
    };

    public string? Get(string key, CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "nl" && Words.TryGetValue(key, out var dutch) ? dutch : null;
}
