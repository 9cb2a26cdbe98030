using System.Collections.Concurrent;
using System.Text.Json;
using Marten;
using Npgsql;

namespace Obeya.Web.Infrastructure.Reads;

/// <summary>A stream's read model as stored, its version in the store, and the global sequence of its last event.</summary>
public sealed record Stored<T>(T State, long Version, long LastSequence);

/// <summary>The same, as the stored JSON, for answers that pass it on as it is.</summary>
public sealed record StoredJson(string Json, long Version, long LastSequence);

/// <summary>
/// Reads a stream's document together with its version and last sequence in one statement, so the three always
/// belong together: the inline projection commits the document with the events, and one statement sees one snapshot.
/// A screen that watches first and reads then can neither miss a change nor apply one twice.
/// </summary>
public sealed class StoredStreams(IDocumentStore store, NpgsqlDataSource dataSource)
{
    private readonly ConcurrentDictionary<Type, string> statements = new();
    private readonly JsonSerializerOptions json = StoredJsonOptions();

    public async Task<StoredJson?> Json<T>(Guid id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Statement<T>());
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new StoredJson(reader.GetString(0), reader.GetInt64(1), await reader.IsDBNullAsync(2, ct) ? 0 : reader.GetInt64(2))
            : null;
    }

    public async Task<Stored<T>?> Load<T>(Guid id, CancellationToken ct) =>
        await Json<T>(id, ct) is { } stored
            ? new Stored<T>(JsonSerializer.Deserialize<T>(stored.Json, json)!, stored.Version, stored.LastSequence)
            : null;

    /// <summary>The versions in the store of the named streams (those that exist), in one round trip.</summary>
    public async Task<IReadOnlyDictionary<Guid, long>> Versions(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var versions = new Dictionary<Guid, long>();
        if (ids.Count == 0)
        {
            return versions;
        }

        await using var command = dataSource.CreateCommand($"select id, version from {store.Options.Events.DatabaseSchemaName}.mt_streams where id = any($1)");
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. ids] });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            versions[reader.GetGuid(0)] = reader.GetInt64(1);
        }

        return versions;
    }

    /// <summary>
    /// The JSON of an answer with the stream's version added in front, as every API body about a stream carries it.
    /// (Documents stored before the version was the store's own still hold a "version" of their own: the read leaves it out.)
    /// </summary>
    public static string WithVersion(string documentJson, long version) =>
        documentJson is ['{', .. var rest] && rest.TrimStart() is not ['}', ..]
            ? $"{{\"version\":{version},{rest}"
            : throw new ArgumentException("A stored document is a JSON object.", nameof(documentJson));

    private string Statement<T>() => statements.GetOrAdd(typeof(T), type =>
    {
        var table = store.Options.FindOrResolveDocumentType(type).TableName.QualifiedName;
        var events = store.Options.Events.DatabaseSchemaName;
        return $"""
            select (d.data - 'version')::text, s.version,
                   (select e.seq_id from {events}.mt_events e where e.stream_id = d.id order by e.version desc limit 1)
            from {table} d join {events}.mt_streams s on s.id = d.id
            where d.id = $1
            """;
    });

    /// <summary>How Marten writes the documents (camelCase, the API's converters).</summary>
    private static JsonSerializerOptions StoredJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ObeyaApi.Configure(options);
        return options;
    }
}
