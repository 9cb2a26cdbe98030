using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Obeya.EmbeddedPostgres;
using Obeya.Testing;

namespace Obeya.Bench;

/// <summary>
/// The repo's systemd unit (deploy/systemd/obeya.service), read for how it starts a node: its fixed environment and its
/// command line. The benchmark starts its nodes that way, with the app's build output standing in for /opt/obeya and
/// the node's settings for /etc/obeya/obeya.env (systemd itself does not run here: it is not PID 1).
/// </summary>
public sealed record SystemdUnit(IReadOnlyDictionary<string, string> Environment, string ExecStart, string WorkingDirectory)
{
    public const string InstallFolder = "/opt/obeya";

    public static SystemdUnit Read(string path)
    {
        var environment = new Dictionary<string, string>();
        string? exec = null, folder = null;
        foreach (var line in File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] != '#'))
        {
            var (key, value) = line.IndexOf('=') is var at and > 0 ? (line[..at], line[(at + 1)..]) : (line, "");
            switch (key)
            {
                case "Environment" when value.IndexOf('=') is var eq and > 0:
                    environment[value[..eq]] = value[(eq + 1)..];
                    break;
                case "ExecStart":
                    exec = value;
                    break;
                case "WorkingDirectory":
                    folder = value;
                    break;
            }
        }

        return new SystemdUnit(environment, exec ?? throw new InvalidOperationException($"{path} has no ExecStart."), folder ?? InstallFolder);
    }

    /// <summary>The program and its arguments, with the install folder and the settings' ${...} filled in.</summary>
    public (string Program, string[] Arguments) CommandLine(string appFolder, IReadOnlyDictionary<string, string> settings)
    {
        var words = ExecStart.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => settings.Aggregate(w.Replace(InstallFolder, appFolder, StringComparison.Ordinal), (word, s) => word.Replace("${" + s.Key + "}", s.Value, StringComparison.Ordinal)))
            .ToArray();
        return (words[0], words[1..]);
    }
}

/// <summary>One Obeya node as its own process, started as the systemd unit starts it; stopped by SIGTERM (as systemd does) or killed.</summary>
public sealed class NodeProcess(string name, int port, SystemdUnit unit, string appFolder, IReadOnlyDictionary<string, string> settings) : IAsyncDisposable
{
    private Process? process;
    private readonly ConcurrentQueue<string> lastLines = new();

    public string Name => name;

    public int Port => port;

    public Uri Address => new($"http://127.0.0.1:{port}/");

    public Stopwatch Alive { get; private set; } = new();

    /// <summary>The last lines the node logged (Warning and above, as the benchmark starts it).</summary>
    public IReadOnlyList<string> LastLines => [.. lastLines];

    public async Task StartAsync()
    {
        var node = new Dictionary<string, string>(settings) { ["OBEYA_URLS"] = $"http://127.0.0.1:{port}" };
        var (program, arguments) = unit.CommandLine(appFolder, node);
        var start = new ProcessStartInfo(program) { WorkingDirectory = appFolder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in unit.Environment.Concat(node))
        {
            start.Environment[key] = value;
        }

        process = Process.Start(start) ?? throw new InvalidOperationException($"Node {name} did not start.");
        DataReceivedEventHandler keep = (_, line) =>
        {
            if (line.Data is { Length: > 0 } text)
            {
                lastLines.Enqueue(text);
                while (lastLines.Count > 40 && lastLines.TryDequeue(out var _))
                {
                }
            }
        };
        process.ErrorDataReceived += keep;
        process.OutputDataReceived += keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(90); await Task.Delay(200))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Node {name} stopped while starting (exit {process.ExitCode}):\n{string.Join("\n", lastLines)}");
            }

            try
            {
                if ((await probe.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    Alive = Stopwatch.StartNew();
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
        }

        throw new InvalidOperationException($"Node {name} was not ready within 90 s.");
    }

    /// <summary>SIGTERM and wait, as <c>systemctl stop</c> does; or SIGKILL, as a crash or a pulled plug.</summary>
    public async Task StopAsync(bool crash)
    {
        if (process is not { HasExited: false } running)
        {
            return;
        }

        if (crash)
        {
            running.Kill();
        }
        else
        {
            using var term = Process.Start("kill", ["-TERM", running.Id.ToString(CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
        }

        await running.WaitForExitAsync();
    }

    /// <summary>The node's resident memory now (Linux /proc), in MB.</summary>
    public double RssMb()
    {
        if (process is not { HasExited: false } running)
        {
            return 0;
        }

        var line = File.ReadLines($"/proc/{running.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : Math.Round(long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0, 1);
    }

    /// <summary>CPU the node has used so far (user and system, Linux /proc), in ms.</summary>
    public double CpuMs()
    {
        if (process is not { HasExited: false } running)
        {
            return 0;
        }

        // Fields 14 and 15 of /proc/PID/stat, after the command name in parentheses; clock ticks of 10 ms.
        var stat = File.ReadAllText($"/proc/{running.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }

    /// <summary>Connections established to the node's port now (nginx's to it, or clients' directly).</summary>
    public int Connections()
    {
        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        return new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists).SelectMany(File.ReadLines).Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(f => f.Length > 3 && f[1].EndsWith(":" + hexPort, StringComparison.Ordinal) && f[3] == "01");
    }

    public async ValueTask DisposeAsync() => await StopAsync(crash: false);
}

/// <summary>
/// Client addresses of their own on the loopback network (127.0.N.1): nginx's ip_hash keys on the first three parts
/// of an address, so clients from different "offices" are spread over the nodes as they would be in a municipality.
/// </summary>
public static class ClientAddresses
{
    public static IPAddress For(int client) => new([127, 0, (byte)(client % 250 + 1), 1]);

    /// <summary>An HTTP handler whose connections leave from <paramref name="local"/>.</summary>
    public static SocketsHttpHandler From(IPAddress local) => new()
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}

/// <summary>
/// Two (or more) nodes as processes on one PostgreSQL (the embedded server, its own data folder) and one Redis, behind
/// Debian's nginx with the repo's settings: what an operator runs, on one machine.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    public const string AdminEmail = "beheer@bench.example.nl";
    public const string AdminPassword = "bench-wachtwoord-2026";

    private Cluster(EmbeddedPostgresServer postgres, TestRedis redis, TestNginx nginx, IReadOnlyList<NodeProcess> nodes, string dataDirectory)
    {
        Postgres = postgres;
        Redis = redis;
        Nginx = nginx;
        Nodes = nodes;
        DataDirectory = dataDirectory;
    }

    public EmbeddedPostgresServer Postgres { get; }

    public TestRedis Redis { get; }

    public TestNginx Nginx { get; }

    public IReadOnlyList<NodeProcess> Nodes { get; }

    public string DataDirectory { get; }

    public static async Task<Cluster> StartAsync(int nodeCount)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "obeya-bench", Guid.NewGuid().ToString("N")[..12], "pg");
        // As an operator's server: room for every node's pool (50 each, set below) and the daemon's and this bench's connections.
        var postgres = await EmbeddedPostgresServer.StartAsync(
            new EmbeddedPostgresOptions(dataDirectory) { MaxConnections = 200 }, NullLogger<EmbeddedPostgresServer>.Instance);
        var redis = await TestRedis.StartAsync();
        var appFolder = AppFolder;
        if (!File.Exists(Path.Combine(appFolder, "Obeya.Web.dll")))
        {
            throw new InvalidOperationException($"Build the app first: dotnet build src/Obeya.Web -c Release ({appFolder} has no Obeya.Web.dll).");
        }

        var settings = new Dictionary<string, string>(NodeSettings(postgres.ConnectionString + ";Maximum Pool Size=50"))
        {
            ["ConnectionStrings__Redis"] = redis.ConnectionString,
            ["Obeya__Proxy__KnownProxies"] = "127.0.0.1",
        };
        var nodes = Enumerable.Range(0, nodeCount)
            .Select(i => new NodeProcess(((char)('A' + i)).ToString(), TestPorts.Free(), Unit, appFolder, settings))
            .ToList();
        // One at a time: the first creates the schema and the administrator, the others find them.
        foreach (var node in nodes)
        {
            await node.StartAsync();
        }

        var nginx = await TestNginx.StartAsync([.. nodes.Select(n => n.Address)]);
        return new Cluster(postgres, redis, nginx, nodes, dataDirectory);
    }

    public string BaseUrl => Nginx.BaseAddress.ToString();

    /// <summary>The repo's systemd unit: how every node of the benchmark is started.</summary>
    public static SystemdUnit Unit => SystemdUnit.Read(RepoFiles.Find("deploy/systemd/obeya.service"));

    /// <summary>What every node of the benchmark is given: the store, no demo, a first beheerder to sign in as, few logs.</summary>
    public static IReadOnlyDictionary<string, string> NodeSettings(string obeyaConnectionString) => new Dictionary<string, string>
    {
        ["ConnectionStrings__Obeya"] = obeyaConnectionString,
        ["Obeya__Demo"] = "false",
        ["Obeya__Admin__Email"] = AdminEmail,
        ["Obeya__Admin__Password"] = AdminPassword,
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>The app's build output, standing in for /opt/obeya.</summary>
    public static string AppFolder => Path.Combine(RepoFiles.Root, "src", "Obeya.Web", "bin", "Release", "net10.0");

    public async ValueTask DisposeAsync()
    {
        await Nginx.DisposeAsync();
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        await Redis.DisposeAsync();
        await Postgres.StopAsync();
        Directory.Delete(Path.GetDirectoryName(DataDirectory)!, recursive: true);
    }
}
