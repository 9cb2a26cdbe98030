using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Obeya.EmbeddedPostgres;
using Obeya.Testing;

namespace Obeya.Bench;

/// <summary>
/// The store's own failover, shown once on this machine: a primary (the embedded server) and a streaming standby made
/// from it with pg_basebackup; one node connects with both hosts and <c>Target Session Attributes=primary</c>. A writer
/// writes every 100 ms; the primary is stopped and the standby promoted (what an operator's failover tool does); the
/// node finds the promoted standby by itself. Prints a timeline and whether every acknowledged write is there.
/// </summary>
public static class StoreFailover
{
    public static async Task<object> Run()
    {
        var root = Path.Combine(Path.GetTempPath(), "obeya-bench", "failover-" + Guid.NewGuid().ToString("N")[..8]);
        var primary = await EmbeddedPostgresServer.StartAsync(new EmbeddedPostgresOptions(Path.Combine(root, "primary")), NullLogger<EmbeddedPostgresServer>.Instance);
        var settings = new NpgsqlConnectionStringBuilder(primary.ConnectionString);
        var standbyFolder = Path.Combine(root, "standby");
        var standbyPort = TestPorts.Free();
        var bin = Path.GetDirectoryName(Directory.GetFiles("/usr/lib/postgresql", "pg_ctl", SearchOption.AllDirectories).OrderDescending().First())!;
        if (Environment.UserName == "root")
        {
            // The tools run as postgres, who may not write in the folder above: the standby's folder is made theirs first.
            Directory.CreateDirectory(standbyFolder);
            using var chown = Process.Start("chown", ["postgres:postgres", standbyFolder])!;
            await chown.WaitForExitAsync();
            using var chmod = Process.Start("chmod", ["700", standbyFolder])!;
            await chmod.WaitForExitAsync();
        }
        await Postgres(bin, "pg_basebackup", "--pgdata", standbyFolder, "--write-recovery-conf", "--wal-method=stream", "--checkpoint=fast",
            "--dbname", $"host=127.0.0.1 port={primary.Port} user={settings.Username} password={settings.Password}");
        await Postgres(bin, "pg_ctl", "start", "--pgdata", standbyFolder, "--log", Path.Combine(standbyFolder, "standby.log"), "--wait",
            "-o", $"-p {standbyPort} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''");

        var both = new NpgsqlConnectionStringBuilder(primary.ConnectionString)
        {
            Host = $"127.0.0.1:{primary.Port},127.0.0.1:{standbyPort}",
            TargetSessionAttributes = "primary",
            // Npgsql remembers for this long that a host was a standby or down: a promoted standby is seen within it.
            HostRecheckSeconds = 1,
        };
        both.Remove("Port");
        await using var node = new NodeProcess("A", TestPorts.Free(), Cluster.Unit, Cluster.AppFolder, Cluster.NodeSettings(both.ConnectionString));
        await node.StartAsync();
        var (http, _) = await Workloads.SignIn(node.Address.ToString(), Cluster.AdminEmail, Cluster.AdminPassword);
        using var signedIn = http;

        // A new team every 100 ms: each write is a stream of its own, so none waits for another's version.
        var timeline = new List<object>();
        var acknowledged = new List<Guid>();
        var clock = Stopwatch.StartNew();
        TimeSpan? stoppedAt = null, promotedAt = null, firstWriteAfter = null;
        var answers = new Dictionary<int, int>();
        using var writing = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var n = 0; !writing.IsCancellationRequested; n++)
            {
                var paced = Task.Delay(100);
                int status;
                Guid? id = null;
                try
                {
                    using var response = await http.PostAsJsonAsync("/api/v1/teams", new { name = $"Team {n}" });
                    status = (int)response.StatusCode;
                    if (status == 201)
                    {
                        id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                    }
                }
                catch (HttpRequestException)
                {
                    status = 0;
                }

                lock (answers)
                {
                    answers[status] = answers.GetValueOrDefault(status) + 1;
                    if (id is { } made)
                    {
                        acknowledged.Add(made);
                        if (stoppedAt is not null && firstWriteAfter is null)
                        {
                            firstWriteAfter = clock.Elapsed;
                        }
                    }
                }

                await paced;
            }
        });

        await Task.Delay(3000);
        stoppedAt = clock.Elapsed;
        await primary.StopAsync();
        timeline.Add(new { atSeconds = Seconds(clock.Elapsed), what = "primary stopped (fast shutdown)" });
        // An operator's failover tool (Patroni, repmgr, pg_auto_failover) notices and promotes; here, after two seconds.
        await Task.Delay(2000);
        await Postgres(bin, "pg_ctl", "promote", "--pgdata", standbyFolder, "--wait");
        promotedAt = clock.Elapsed;
        timeline.Add(new { atSeconds = Seconds(clock.Elapsed), what = "standby promoted" });
        await Task.Delay(8000);
        await writing.CancelAsync();
        await writer;
        if (firstWriteAfter is { } first)
        {
            timeline.Add(new { atSeconds = Seconds(first), what = "first write acknowledged by the promoted standby" });
        }

        await using var onStandby = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(primary.ConnectionString) { Port = standbyPort }.ConnectionString);
        await onStandby.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from mt_events where stream_id = any($1)", onStandby);
        count.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. acknowledged] });
        var present = (long)(await count.ExecuteScalarAsync())!;

        await node.StopAsync(crash: false);
        await Postgres(bin, "pg_ctl", "stop", "--pgdata", standbyFolder, "--mode", "fast", "--wait");
        Directory.Delete(root, recursive: true);
        return new
        {
            setup = "one node (started as the systemd unit starts it) with Host=primary,standby;Target Session Attributes=primary;Host Recheck Seconds=1; a streaming standby made by pg_basebackup",
            timeline,
            answers = answers.OrderBy(a => a.Key).ToDictionary(a => a.Key == 0 ? "no answer" : a.Key.ToString(CultureInfo.InvariantCulture), a => a.Value),
            acknowledgedWrites = acknowledged.Count,
            acknowledgedWritesOnThePromotedStandby = present,
            nodeLog = node.LastLines.Where(l => l.Contains("Exception", StringComparison.Ordinal)).Distinct().Take(5),
            secondsWithoutWritesFromPromotion = firstWriteAfter is { } f && promotedAt is { } p ? Seconds(f - p) : (double?)null,
        };
    }

    private static double Seconds(TimeSpan t) => Math.Round(t.TotalSeconds, 2);

    /// <summary>A PostgreSQL program, as Debian's postgres user when this runs as root (initdb and postgres refuse root).</summary>
    private static async Task Postgres(string bin, string program, params string[] arguments)
    {
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "runuser" : Path.Combine(bin, program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/tmp",
        };
        foreach (var argument in asRoot ? ["-u", "postgres", "--", Path.Combine(bin, program), .. arguments] : arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {output}");
        }
    }
}
