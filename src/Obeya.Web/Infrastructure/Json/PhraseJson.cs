using System.Text.Json;
using System.Text.Json.Serialization;
using Obeya.Domain;
using Obeya.Web.Language;

namespace Obeya.Web.Infrastructure.Json;

/// <summary>
/// What the domain says travels as text in the language of the request, so an answer's fields read as they always did
/// ("why": "Belemmering '…'"). Clients never send a phrase back.
/// </summary>
public sealed class PhraseJson : JsonConverter<Phrase>
{
    public override Phrase Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new JsonException("A phrase is worded for the reader; it is not read back.");

    public override void Write(Utf8JsonWriter writer, Phrase value, JsonSerializerOptions options) => writer.WriteStringValue(value.Worded());
}
