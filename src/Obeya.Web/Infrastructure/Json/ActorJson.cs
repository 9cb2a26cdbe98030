using System.Text.Json;
using System.Text.Json.Serialization;
using Obeya.Domain;

namespace Obeya.Web.Infrastructure.Json;

/// <summary>
/// Who acted, stored as <c>{"accountId": "…", "name": "Emmy"}</c>. Events stored before actors had ids carry only the
/// name (<c>"by": "Emmy"</c>): those still read, as an actor without an account.
/// </summary>
public sealed class ActorJson : JsonConverter<Actor>
{
    public override Actor Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new Actor(null, reader.GetString()!);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected a name or an object with accountId and name.");
        }

        Guid? accountId = null;
        string? name = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            reader.Read();
            if (string.Equals(property, "accountId", StringComparison.OrdinalIgnoreCase))
            {
                accountId = reader.TokenType == JsonTokenType.Null ? null : reader.GetGuid();
            }
            else if (string.Equals(property, "name", StringComparison.OrdinalIgnoreCase))
            {
                name = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return new Actor(accountId, name ?? "");
    }

    public override void Write(Utf8JsonWriter writer, Actor value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.AccountId is { } id)
        {
            writer.WriteString("accountId", id);
        }
        else
        {
            writer.WriteNull("accountId");
        }

        writer.WriteString("name", value.Name);
        writer.WriteEndObject();
    }
}
