using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Obeya.Domain.Privacy;
using Obeya.Web.Language;

namespace Obeya.Web.Infrastructure;

/// <summary>A privacy warning about one field, worded in the language of whoever wrote it.</summary>
public sealed record FieldWarning(string Field, string Message);

/// <summary>
/// The privacy guard's warnings for every text an event carries (the domain already refused a BSN).
/// Read off the event itself, so a new event with a text field is checked without anyone remembering to.
/// </summary>
public static class PrivacyWarnings
{
    // Names of people working in the team, not free text about clients.
    private static readonly HashSet<string> NotFreeText = ["By", "OwnerName", "Name", "Email"];

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> TextProperties = new();

    public static IReadOnlyList<FieldWarning> Of(object e)
    {
        var warnings = new List<FieldWarning>();
        foreach (var property in TextProperties.GetOrAdd(e.GetType(), FindTextProperties))
        {
            var field = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            warnings.AddRange(PrivacyGuard.Warnings((string?)property.GetValue(e)).Select(warning => new FieldWarning(field, warning.Worded())));
        }

        return warnings;
    }

    private static PropertyInfo[] FindTextProperties(Type type) =>
        [.. type.GetProperties().Where(p => p.PropertyType == typeof(string) && !NotFreeText.Contains(p.Name))];
}
