using System.Text.Json.Nodes;

namespace Obeya.Web.Tests.Api;

/// <summary>One property spoiled one way: where, how, the value sent (or the property left out), and whether a client may send it.</summary>
public sealed record Spoil(string Path, string What, Func<JsonNode?>? Value, bool Accepted)
{
    public bool Removes => Value is null;
}

/// <summary>
/// Valid bodies built from a request schema, with real ids of the world's things, and every way to spoil one
/// property of them. What may legitimately be sent is decided from the schema alone: an optional property may be
/// left out, a nullable one may be null, and an optional nullable text left blank is stored as nothing.
/// </summary>
public static partial class Bodies
{
    /// <summary>Ids in a body that name a thing that must exist, by where they stand, then by name (array items by the array's name).</summary>
    private static readonly Dictionary<string, string> ThingsByPath = new()
    {
        // A dependency "from needs to": two different goals of the programme.
        ["from.id"] = "transition goal",
        ["to.id"] = "tactical goal",
    };

    private static readonly Dictionary<string, string> ThingsByName = new()
    {
        ["ownerId"] = "member",
        ["personId"] = "member",
        ["coachId"] = "coach",
        ["trackId"] = "track",
        ["trackIds"] = "track",
        ["programmeId"] = "programme",
        ["programmeIds"] = "programme",
        ["goalId"] = "tactical goal",
        ["transitionGoalId"] = "transition goal",
        ["metricId"] = "metric",
        ["tacticalGoalId"] = "tactical goal",
        ["takenOverBy"] = "member",
        ["stepId"] = "map step",
        ["processId"] = "process",
        ["signalIds"] = "signal",
    };

    /// <summary>Plausible values where the schema's type alone does not make one (a status must differ from the roll-up's).</summary>
    private static readonly Dictionary<string, Func<int, JsonNode?>> Plausible = new()
    {
        ["email"] = n => $"hostile{n}@obeya.test",
        // An account that signs in through the organisation: hashing a password takes a tenth of a second, and every
        // variant of the body would pay it. The password's own variants still send one.
        ["password"] = _ => null,
        ["timeZone"] = _ => "Europe/Amsterdam",
        ["question"] = _ => 1,
        ["status"] = _ => "atRisk",
        // Rework goes back to a step of the same map: a valid map of one step sends nothing back.
        ["reworkTo"] = _ => null,
    };

    private static int counter;

    /// <summary>A top-level "id" is the client's choice of id for what it creates: a new one is valid.</summary>
    /// <summary>So is the id of an item in a list the body makes whole (a map's steps).</summary>
    public static bool IsClientId(string path) => path == "id" || path.EndsWith("].id", StringComparison.Ordinal);

    /// <summary>A valid value for the schema: every property (required and optional) with a plausible value.</summary>
    public static async Task<JsonNode?> Valid(Schema schema, string name, string path, World world)
    {
        var n = Interlocked.Increment(ref counter);
        if (Plausible.TryGetValue(name, out var plausible))
        {
            return plausible(n);
        }

        switch (schema.Kind)
        {
            case "object":
                var body = new JsonObject();
                foreach (var (property, propertySchema, _) in schema.Properties)
                {
                    body[property] = await Valid(propertySchema, property, Join(path, property), world);
                }

                return body;
            case "array":
                return new JsonArray(await Valid(schema.Items, name, $"{path}[0]", world));
            case "enum":
                // NodaTime's IsoDayOfWeek lists "none", which is no day.
                return schema.Enum.First(e => e != "none");
            case "integer":
                return 30;
            case "number":
                return 41.5m;
            case "boolean":
                return true;
        }

        return schema.Format switch
        {
            "uuid" when IsClientId(path) => Guid.NewGuid().ToString(),
            "uuid" => (await world.Id(ThingsByPath.GetValueOrDefault(path) ?? ThingsByName.GetValueOrDefault(name)
                ?? throw new InvalidOperationException($"The hostile test knows no real thing for the id '{path}': add it to {nameof(Bodies)}.{nameof(ThingsByName)}."))).ToString(),
            "date" => "2026-12-01",
            "time" => "09:00:00",
            "date-time" => "2026-11-23T08:00:00Z",
            null => $"Iets voor {name} ({n})",
            var format => throw new InvalidOperationException($"The hostile test cannot make a '{format}' for '{path}'."),
        };
    }

    /// <summary>Every way to spoil every property of the body, nested ones and array items too.</summary>
    public static IEnumerable<Spoil> Spoils(Schema schema, string path = "", Func<JsonNode?>? taken = null)
    {
        foreach (var (name, property, required) in schema.Properties)
        {
            var at = Join(path, name);
            yield return new Spoil(at, "left out", null, Accepted: !required);
            foreach (var spoil in Values(property, at, required, taken))
            {
                yield return spoil;
            }
        }
    }

    private static IEnumerable<Spoil> Values(Schema schema, string at, bool required, Func<JsonNode?>? taken)
    {
        Spoil As(string what, JsonNode? value, bool accepted = false) => new(at, what, () => value?.DeepClone(), accepted);

        yield return new Spoil(at, "null", () => null, Accepted: schema.Nullable);
        switch (schema.Kind)
        {
            case "object":
                yield return As("a string for an object", "x");
                yield return As("an array for an object", new JsonArray());
                foreach (var spoil in Spoils(schema, at, taken))
                {
                    yield return spoil;
                }

                yield break;
            case "array":
                yield return As("an object for an array", new JsonObject());
                yield return As("a string for an array", "x");
                foreach (var spoil in Values(schema.Items, $"{at}[0]", required: true, taken))
                {
                    // An item cannot be left out, only spoiled.
                    yield return spoil;
                }

                yield break;
            case "enum":
                yield return As("an unknown value", "onbekend");
                yield return As("an empty value", "");
                yield return As("a number for a name", 1);
                yield return As("a number as text", "1");
                yield break;
            case "integer":
                foreach (var spoil in Numbers())
                {
                    yield return spoil;
                }

                yield return As("a fraction", 1.5m);
                yield return As("past int", 2147483648L);
                yield break;
            case "number":
                foreach (var spoil in Numbers())
                {
                    yield return spoil;
                }

                yield return As("1e-30", Raw("1e-30"));
                yield return As("five decimals", 0.00001m);
                yield return As("1e309", Raw("1e309"));
                yield return As("Infinity as text", "Infinity");
                yield break;
            case "boolean":
                yield return As("a word", "ja");
                yield return As("a number", 1);
                yield return As("true as text", "true");
                yield break;
        }

        switch (schema.Format)
        {
            case "uuid":
                yield return As("the all-zero id", Guid.Empty.ToString());
                yield return As("an empty id", "");
                // A new id of the client's own choosing is what a client id is for.
                yield return As("an unknown id", Guid.NewGuid().ToString(), accepted: IsClientId(at));
                if (IsClientId(at) && taken is not null)
                {
                    yield return new Spoil(at, "an id already in use", taken, Accepted: false);
                }

                yield return As("no guid", "geen-guid");
                yield return As("a number for an id", 42);
                yield break;
            case "date":
                foreach (var date in new[] { "0001-01-01", "-0001-01-01", "9999-12-31", "2026-02-30", "2026-12-01T10:00:00Z", "" })
                {
                    yield return As($"date {date}", date);
                }

                yield return As("a number for a date", 20261201);
                yield break;
            case "time":
                foreach (var time in new[] { "24:00:00", "9 uur", "" })
                {
                    yield return As($"time {time}", time);
                }

                yield break;
        }

        // Free text: characters no screen can show, text that only looks filled in, too much text, other types.
        var blankAccepted = !required && schema.Nullable;
        yield return As("NUL", "Tekst met \u0000 NUL");
        yield return As("U+0001", "Tekst met \u0001 erin");
        yield return As("escape U+001B", "\u001b[31mrood\u001b[0m");
        // Written as the escape itself: a .NET string holding a lone surrogate would go out as U+FFFD.
        yield return As("a lone surrogate", Raw("\"half \\ud800 teken\""));
        yield return As("an empty text", "", blankAccepted);
        yield return As("only zero-width spaces", "\u200b\u200b\u200b", blankAccepted);
        yield return As("only whitespace", " \t\u00a0 ", blankAccepted);
        yield return As("4001 characters", new string('a', 4001));
        yield return As("100,000 characters", new string('a', 100_000));
        yield return As("a number for a text", 42);
        yield return As("an object for a text", new JsonObject());
        yield return As("an array for a text", new JsonArray());

        IEnumerable<Spoil> Numbers()
        {
            yield return As("1e28", Raw("1e28"));
            yield return As("-1e28", Raw("-1e28"));
            yield return As("NaN as text", "NaN");
            yield return As("text for a number", "veertig");
            yield return As("true for a number", true);
            yield return As("an object for a number", new JsonObject());
        }
    }

    /// <summary>The body with one property spoiled.</summary>
    public static JsonNode Apply(JsonNode body, Spoil spoil)
    {
        var copy = body.DeepClone();
        var (parent, last) = Locate(copy, spoil.Path);
        if (last is int index)
        {
            parent.AsArray()[index] = spoil.Value!();
        }
        else if (spoil.Removes)
        {
            parent.AsObject().Remove((string)last);
        }
        else
        {
            parent.AsObject()[(string)last] = spoil.Value!();
        }

        return copy;
    }

    /// <summary>JSON as sent: raw number literals no .NET value holds (1e309, 1e-30) written as they are.</summary>
    public static string Serialize(JsonNode body) =>
        RawLiteral().Replace(body.ToJsonString(), m => RawLiterals[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]);

    private static readonly List<string> RawLiterals = [];

    private static JsonNode Raw(string literal)
    {
        lock (RawLiterals)
        {
            RawLiterals.Add(literal);
            return $"@@raw:{RawLiterals.Count - 1}@@";
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("\"@@raw:(\\d+)@@\"")]
    private static partial System.Text.RegularExpressions.Regex RawLiteral();

    private static (JsonNode Parent, object Last) Locate(JsonNode root, string path)
    {
        var segments = System.Text.RegularExpressions.Regex.Matches(path, @"[^.\[\]]+|\[(\d+)\]")
            .Select(m => m.Groups[1].Success ? (object)int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : m.Value).ToList();
        var node = root;
        foreach (var segment in segments[..^1])
        {
            node = segment is int i ? node.AsArray()[i]! : node.AsObject()[(string)segment]!;
        }

        return (node, segments[^1]);
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
