using System.Diagnostics;
using System.Text.RegularExpressions;
using Marten;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Obeya.EmbeddedPostgres;
using Obeya.Web.Live;

namespace Obeya.Bench;

/// <summary>
/// Where one write's time goes ("profile" argument): the database round trips it makes (Npgsql's own activities),
/// the plans PostgreSQL ran for them (auto_explain), and the floors under the targets on this machine: a bare
/// INSERT + COMMIT with fsync on, and a bare SignalR send to the same watchers.
/// </summary>
public static partial class Profile
{
    /// <summary>Per write: every Npgsql command (one per round trip; a batch is one), with its time, over <paramref name="count"/> writes.</summary>
    public static async Task<object> RoundTrips(TrackWriter writer, Watchers watchers, int count)
    {
        var commands = new List<(int Write, string Text, double Ms)>();
        var write = -1;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                var text = activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement") ?? activity.DisplayName;
                lock (commands)
                {
                    commands.Add((Volatile.Read(ref write), Shorten(text.ToString()!), activity.Duration.TotalMilliseconds));
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var replies = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var arrived = watchers.Expect(writer.TrackId, writer.Version + 1);
            Volatile.Write(ref write, i);
            var start = Stopwatch.GetTimestamp();
            using var response = await writer.Next();
            replies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            response.EnsureSuccessStatusCode();
            await arrived.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Volatile.Write(ref write, -1);
        List<(int Write, string Text, double Ms)> seen;
        lock (commands)
        {
            seen = [.. commands.Where(c => c.Write >= 0)];
        }

        return new
        {
            writes = count,
            replyMs = Latency.Of(replies),
            commandsPerWrite = Math.Round(seen.Count / (double)count, 2),
            databaseMsPerWriteP50 = Median([.. seen.GroupBy(c => c.Write).Select(g => g.Sum(c => c.Ms))]),
            commands = seen.GroupBy(c => c.Text).Select(g => new
            {
                statement = g.Key,
                perWrite = Math.Round(g.Count() / (double)count, 2),
                p50Ms = Median([.. g.Select(c => c.Ms)]),
            }),
        };
    }

    /// <summary>
    /// PostgreSQL's own account of a few writes: every statement's parse, bind and execute time as the server logged
    /// it (log_min_duration_statement = 0, for the app's open connections too), and the plans of the reads by id.
    /// </summary>
    public static async Task<object> ServerSide(EmbeddedPostgresServer postgres, string logFile, TrackWriter writer, Guid teamId, int count)
    {
        await Exec(postgres.ConnectionString, "ALTER SYSTEM SET log_min_duration_statement = 0", "SELECT pg_reload_conf()");
        await Task.Delay(200);
        var offset = new FileInfo(logFile).Length;
        for (var i = 0; i < count; i++)
        {
            using var response = await writer.Next();
            response.EnsureSuccessStatusCode();
        }

        await Exec(postgres.ConnectionString, "ALTER SYSTEM RESET log_min_duration_statement", "SELECT pg_reload_conf()");
        string log;
        await using (var file = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            file.Seek(offset, SeekOrigin.Begin);
            log = await new StreamReader(file).ReadToEndAsync();
        }

        var plans = new List<string>();
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        foreach (var (sql, id) in new[]
        {
            ("select version from public.mt_streams where id = @id", writer.TrackId),
            ("select d.id, d.data, d.mt_version from public.mt_doc_track as d where id = @id", writer.TrackId),
            ("select d.id, d.data, d.mt_version from public.mt_doc_team as d where id = @id", teamId),
        })
        {
            await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, connection) { Parameters = { new("id", id) } };
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                plans.Add(reader.GetString(0));
            }
        }

        return new
        {
            statementsLogged = log.Split('\n').Where(l => l.Contains("duration:", StringComparison.Ordinal)).Select(l => Shorten(l[(l.IndexOf("duration:", StringComparison.Ordinal))..])),
            plans,
        };
    }

    /// <summary>What reading and writing a stored board costs in this process alone: Marten's serializer on the stored JSON.</summary>
    public static async Task<object> BoardJson(IDocumentStore store, Guid trackId, int count)
    {
        await using var session = store.QuerySession();
        var json = (await session.Json.FindByIdAsync<Obeya.Domain.Tracks.Track>(trackId))!;
        var serializer = store.Options.Serializer();
        var read = new List<double>(count);
        var write = new List<double>(count);
        for (var i = 0; i < count + 50; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
            var track = serializer.FromJson<Obeya.Domain.Tracks.Track>(stream);
            var t1 = Stopwatch.GetTimestamp();
            _ = serializer.ToJson(track);
            var t2 = Stopwatch.GetTimestamp();
            if (i >= 50)
            {
                read.Add(Stopwatch.GetElapsedTime(start, t1).TotalMilliseconds);
                write.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
            }
        }

        return new { bytes = System.Text.Encoding.UTF8.GetByteCount(json), deserializeMs = Latency.Of(read), serializeMs = Latency.Of(write) };
    }

    /// <summary>The database floor: one INSERT and its COMMIT (fsync, synchronous_commit on) per round, over TCP like the app.</summary>
    public static async Task<object> InsertCommitFloor(string connectionString, int count)
    {
        await Exec(connectionString, "CREATE TABLE IF NOT EXISTS bench_floor (id bigserial PRIMARY KEY, data jsonb NOT NULL)");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var autocommit = new List<double>(count);
        var explicitTransaction = new List<double>(count);
        var selectOne = new List<double>(count);
        await using var insert = new NpgsqlCommand("INSERT INTO bench_floor (data) VALUES (@data::jsonb)", connection);
        insert.Parameters.AddWithValue("data", """{"text":"Obstakel herschreven","by":"bench"}""");
        await insert.PrepareAsync();
        await using var one = new NpgsqlCommand("SELECT 1", connection);
        for (var i = 0; i < count + 20; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await one.ExecuteScalarAsync();
            var t1 = Stopwatch.GetTimestamp();
            await insert.ExecuteNonQueryAsync();
            var t2 = Stopwatch.GetTimestamp();
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                insert.Transaction = transaction;
                await insert.ExecuteNonQueryAsync();
                await transaction.CommitAsync();
            }

            insert.Transaction = null;
            var t3 = Stopwatch.GetTimestamp();
            if (i >= 20)
            {
                selectOne.Add(Stopwatch.GetElapsedTime(start, t1).TotalMilliseconds);
                autocommit.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
                explicitTransaction.Add(Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds);
            }
        }

        await using var settings = new NpgsqlCommand(
            "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings WHERE name IN "
            + "('fsync','synchronous_commit','default_toast_compression','wal_compression','wal_sync_method','shared_buffers','wal_buffers','commit_delay','full_page_writes')", connection);
        return new
        {
            settings = await settings.ExecuteScalarAsync(),
            selectOneMs = Latency.Of(selectOne),
            insertAutocommitMs = Latency.Of(autocommit),
            beginInsertCommitMs = Latency.Of(explicitTransaction),
        };
    }

    /// <summary>The SignalR floor: the hub sends a push-sized message to the group; time until the last watcher has it.</summary>
    public static async Task<object> SignalRFloor(IServiceProvider services, Watchers watchers, string board, int count)
    {
        var hub = services.GetRequiredService<IHubContext<BoardHub>>();
        var streamId = Guid.NewGuid();
        var samples = new List<double>(count);
        for (var i = 0; i < count + 20; i++)
        {
            var arrived = watchers.Expect(streamId, i);
            var start = Stopwatch.GetTimestamp();
            await hub.Clients.Group(board).SendAsync("changed", new
            {
                board, sequence = (long)i, streamId, version = (long)i, type = "ObstacleRephrased",
                data = new { trackId = streamId, obstacleId = streamId, text = "Obstakel herschreven in ronde 1", by = "bench" },
                at = DateTime.UtcNow, by = "bench",
            });
            var last = await arrived.WaitAsync(TimeSpan.FromSeconds(30));
            if (i >= 20)
            {
                samples.Add(Stopwatch.GetElapsedTime(start, last).TotalMilliseconds);
            }
        }

        return new { watchers = watchers.Count, sendToLastArrivalMs = Latency.Of(samples) };
    }

    private static async Task Exec(string connectionString, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        values.Sort();
        return Math.Round(values[values.Count / 2], 3);
    }

    private static string Shorten(string sql)
    {
        var oneLine = Spaces().Replace(sql, " ").Trim();
        return oneLine.Length <= 400 ? oneLine : oneLine[..400] + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

/// <summary>
/// CPU used by the embedded PostgreSQL alone (its postmaster, the live backends and those already gone), read from
/// /proc, so the figure is PostgreSQL's own however busy the rest of the machine is.
/// </summary>
public static class PostgresCpu
{
    public static double Ms(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), out var postmaster))
        {
            return 0;
        }

        long ticks = 0;
        foreach (var stat in Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "stat")))
        {
            string text;
            try
            {
                text = File.ReadAllText(stat);
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            // "pid (comm) state ppid ... utime(14) stime(15) cutime(16) cstime(17)": fields counted after the closing parenthesis.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var pid = int.Parse(text[..text.IndexOf(' ', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            var parent = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            if (pid == postmaster || parent == postmaster)
            {
                ticks += long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
                if (pid == postmaster)
                {
                    ticks += long.Parse(fields[13], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[14], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        // Linux counts in clock ticks of 1/100 s (USER_HZ).
        return ticks * 10.0;
    }
}
