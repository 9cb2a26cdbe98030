using System.Text.Json.Nodes;

namespace Obeya.Web.Tests.Api;

/// <summary>One operation of /openapi/v1.json: its method, path template, parameters and request body schema.</summary>
/// <param name="TakesCsv">The body is a file of text/csv rather than JSON (an import).</param>
public sealed record Operation(
    string Method, string Path, IReadOnlyList<string> RouteParameters, IReadOnlyList<string> QueryParameters, Schema? Body, bool BodyRequired,
    bool TakesCsv = false)
{
    public string Key => $"{Method} {Path}";

    public bool Writes => Method is "POST" or "PUT" or "PATCH" or "DELETE";

    public override string ToString() => Key;
}

/// <summary>
/// A schema of the document with its <c>$ref</c> resolved and its null branch (<c>oneOf: [null, X]</c> or a type
/// list with "null") folded into <see cref="Nullable"/>; what the hostile test needs to build and spoil values.
/// </summary>
public sealed class Schema(JsonObject node, Func<string, JsonObject> resolve, bool nullable)
{
    public bool Nullable { get; } = nullable || Types(node).Contains("null");

    public IReadOnlyList<string> Enum { get; } = node["enum"] is JsonArray values ? [.. values.Select(v => v!.GetValue<string>())] : [];

    public string? Format => (string?)node["format"];

    /// <summary>"object", "array", "string", "integer", "number", "boolean" or "enum".</summary>
    public string Kind => Enum.Count > 0 ? "enum"
        : node["properties"] is not null ? "object"
        : node["items"] is not null || Types(node).Contains("array") ? "array"
        // A number a client may also send as a string ("type": ["integer", "string"] with a digits pattern).
        : Types(node).Contains("integer") ? "integer"
        : Types(node).Contains("number") ? "number"
        : Types(node).Contains("boolean") ? "boolean"
        : Types(node).Contains("string") ? "string"
        : throw new InvalidOperationException($"A schema the hostile test cannot read: {node.ToJsonString()}");

    public IReadOnlyList<(string Name, Schema Schema, bool Required)> Properties
    {
        get
        {
            var required = node["required"] is JsonArray names ? names.Select(n => n!.GetValue<string>()).ToHashSet() : [];
            return node["properties"] is JsonObject properties
                ? [.. properties.Select(p => (p.Key, Of((JsonObject)p.Value!, resolve), required.Contains(p.Key)))]
                : [];
        }
    }

    public Schema Items => Of((JsonObject)node["items"]!, resolve);

    public static Schema Of(JsonObject node, Func<string, JsonObject> resolve)
    {
        var nullable = false;
        while (true)
        {
            if (node["$ref"] is JsonValue reference)
            {
                node = resolve(reference.GetValue<string>());
            }
            else if (node["oneOf"] is JsonArray branches)
            {
                nullable |= branches.Any(b => (string?)b!["type"] == "null");
                node = (JsonObject)branches.Single(b => (string?)b!["type"] != "null")!;
            }
            else
            {
                return new Schema(node, resolve, nullable);
            }
        }
    }

    private static IReadOnlyList<string> Types(JsonObject node) => node["type"] switch
    {
        JsonArray types => [.. types.Select(t => t!.GetValue<string>())],
        JsonValue type => [type.GetValue<string>()],
        _ => [],
    };
}

/// <summary>The operations the app describes at /openapi/v1.json.</summary>
public static class ApiDescription
{
    public static IReadOnlyList<Operation> Read(string json)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        var schemas = document["components"]?["schemas"]?.AsObject() ?? [];
        JsonObject Resolve(string reference) =>
            (JsonObject)schemas[reference.StartsWith("#/components/schemas/", StringComparison.Ordinal) ? reference["#/components/schemas/".Length..] : reference]!;

        var operations = new List<Operation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, value) in item!.AsObject().Where(m => m.Key != "parameters"))
            {
                var operation = value!.AsObject();
                var parameters = operation["parameters"] as JsonArray ?? [];
                string[] In(string where) => [.. parameters.Where(p => (string?)p!["in"] == where).Select(p => (string)p!["name"]!)];
                var body = operation["requestBody"]?["content"]?["application/json"]?["schema"] as JsonObject;
                operations.Add(new Operation(
                    method.ToUpperInvariant(), path, In("path"), In("query"), body is null ? null : Schema.Of(body, Resolve),
                    (bool?)operation["requestBody"]?["required"] == true,
                    operation["requestBody"]?["content"]?["text/csv"] is not null));
            }
        }

        return operations;
    }
}
