using System.Text;
using Microsoft.OpenApi;
using Obeya.Domain;
using Obeya.Web.Language;

namespace Obeya.Web.Infrastructure;

/// <summary>A spreadsheet sent to the API as the request body: what it may come as, how it is read, how OpenAPI names it.</summary>
public static class CsvUploads
{
    public const string CsvType = "text/csv";

    /// <summary>What a file may come as: CSV, plain text (a paste), or tab-separated cells.</summary>
    private static readonly string[] TextTypes = [CsvType, "text/plain", "text/tab-separated-values"];

    /// <summary>
    /// The body in the OpenAPI document as CSV text. Described here rather than by Accepts: routing would answer a JSON
    /// body 415 before the access rules.
    /// </summary>
    public static RouteHandlerBuilder AcceptsCsv(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { [CsvType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
            };
            return Task.CompletedTask;
        });

    /// <summary>Anything but text is 415, naming the header.</summary>
    public static void EnsureText(HttpContext http)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type)
            || !TextTypes.Contains(type.MediaType.Value, StringComparer.OrdinalIgnoreCase))
        {
            throw new ApiProblemException(
                StatusCodes.Status415UnsupportedMediaType, "Content-Type", Phrase.Of("api.wrongContentTypeTitle"), Phrase.Of("import.notAFile"));
        }
    }

    /// <summary>The body as text (UTF-8, or Windows-1252 as older Excel saves CSV), at most <paramref name="maxBytes"/>.</summary>
    public static async Task<string> ReadText(HttpContext http, int maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new ApiProblemException(
                    StatusCodes.Status413PayloadTooLarge, "file", Phrase.Of("api.invalidInputTitle"), Phrase.Of("import.fileTooLarge", maxBytes / 1024 / 1024));
            }

            buffer.Write(chunk, 0, read);
        }

        return Decode(buffer.ToArray());
    }

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>UTF-8 when the bytes are UTF-8; otherwise Latin-1's superset that Excel on Windows writes.</summary>
    public static string Decode(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    /// <summary>A file's rows it could not read, as a 422 keyed by the file and the line (as a JSON body's field is by its path).</summary>
    public static ApiProblemException RowsRefused(IReadOnlyList<Obeya.Domain.Tracks.ImportRowError> errors) => new(
        StatusCodes.Status422UnprocessableEntity, "file", Phrase.Of("api.invalidInputTitle"), Phrase.Of("import.rowsRefused", errors.Count),
        new Dictionary<string, object?>
        {
            ["errors"] = errors.GroupBy(e => $"file[{e.Line}]").ToDictionary(g => g.Key, g => g.Select(e => e.Why.Worded()).ToArray()),
        });
}
