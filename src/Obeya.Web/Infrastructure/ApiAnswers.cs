using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Obeya.Web.Infrastructure.Reads;
using Obeya.Web.Infrastructure.Writes;

namespace Obeya.Web.Infrastructure;

/// <summary>What every versioned write answers: the version it left (also in ETag), what it made or changed, and privacy warnings.</summary>
public sealed record WriteResult(Guid StreamId, long Version, Guid Id, IReadOnlyList<FieldWarning> Warnings);

/// <summary>
/// How the API answers about a stream: the body carries the stream's version as the store counts it (also in ETag),
/// whatever the read model holds.
/// </summary>
public static class ApiAnswers
{
    public static IResult Versioned(HttpContext http, StoredJson stored)
    {
        Versions.Tag(http, stored.Version);
        return Results.Text(StoredStreams.WithVersion(stored.Json, stored.Version), "application/json");
    }

    public static IResult Versioned(HttpContext http, object state, long version, string? createdAt = null)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var body = JsonSerializer.SerializeToNode(state, state.GetType(), options)!.AsObject();
        body.Insert(0, "version", JsonValue.Create(version));
        Versions.Tag(http, version);
        if (createdAt is not null)
        {
            http.Response.Headers.Location = createdAt;
        }

        return Results.Json(body, options, statusCode: createdAt is null ? StatusCodes.Status200OK : StatusCodes.Status201Created);
    }

    public static IResult Written(HttpContext http, Written written, Guid id, string? createdAt = null)
    {
        Versions.Tag(http, written.Version);
        var result = new WriteResult(written.StreamId, written.Version, id, written.Warnings);
        return createdAt is null ? Results.Ok(result) : Results.Created(createdAt, result);
    }
}
