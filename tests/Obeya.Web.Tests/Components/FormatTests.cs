using Obeya.Web.Components;
using Obeya.Web.Language;

namespace Obeya.Web.Tests.Components;

/// <summary>Relative days read as a Dutch sentence does, never "vandaag geleden" or "vandaag oud".</summary>
public class FormatTests
{
    [Theory]
    [InlineData(0, "vandaag")]
    [InlineData(1, "gisteren")]
    [InlineData(2, "2 dagen geleden")]
    [InlineData(3, "3 dagen geleden")]
    [InlineData(40, "40 dagen geleden")]
    // A clock a little ahead of the team's zone still says today, not "-1 dagen geleden".
    [InlineData(-1, "vandaag")]
    public void days_ago(int days, string expected) => Format.DaysAgo(days).Should().Be(expected);

    [Theory]
    [InlineData(0, "van vandaag")]
    [InlineData(1, "van gisteren")]
    [InlineData(3, "3 dagen oud")]
    [InlineData(-2, "van vandaag")]
    public void days_old(int days, string expected) => Format.DaysOld(days).Should().Be(expected);

    [Fact]
    public void radzen_speaks_dutch_for_every_word_of_the_components_in_use()
    {
        var radzen = new RadzenDutch();
        var english = Radzen.Blazor.RadzenStrings.ResourceManager
            .GetResourceSet(System.Globalization.CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!
            .Cast<System.Collections.DictionaryEntry>()
            .Select(e => (string)e.Key)
            .Where(k => new[] { "Dialog_", "DropDown_", "ListBox_", "DatePicker_", "Numeric_", "Pager_", "Notification_", "Button_", "Text_" }.Any(k.StartsWith))
            .ToList();

        english.Should().NotBeEmpty();
        english.Should().OnlyContain(k => radzen.Get(k, ObeyaCulture.Dutch) != null, "every such key has a Dutch word");
        radzen.Get("Dialog_CloseAriaLabel", ObeyaCulture.Dutch).Should().Be("Venster sluiten");
        radzen.Get("Dialog_CloseAriaLabel", ObeyaCulture.English).Should().BeNull("English keeps Radzen's own words");
    }
}
