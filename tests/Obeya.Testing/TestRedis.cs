using System.Diagnostics;

namespace Obeya.Testing;

/// <summary>
/// A real Redis for the tests of several nodes: Debian's redis-server on a free port of its own, keeping its data in an
/// append-only file under a temp folder as a production Redis keeps the data-protection keys. Stopped and started
/// again on the same port, it stands for Redis going away and coming back.
/// </summary>
public sealed class TestRedis : IAsyncDisposable
{
    private Process? server;

    private readonly string folder = Path.Combine(Path.GetTempPath(), "obeya-tests", "redis-" + Guid.NewGuid().ToString("N")[..12]);

    private TestRedis(int port) => Port = port;

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<TestRedis> StartAsync()
    {
        var redis = new TestRedis(TestPorts.Free());
        await redis.StartAgainAsync();
        return redis;
    }

    /// <summary>Starts the server (again) on its port and waits until it answers.</summary>
    public async Task StartAgainAsync()
    {
        var path = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server";
        Directory.CreateDirectory(folder);
        server = Process.Start(new ProcessStartInfo(path, $"--port {Port} --bind 127.0.0.1 --dir {folder} --save \"\" --appendonly yes --protected-mode no")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start: install Debian's redis-server (test.sh does as root).");
        server.OutputDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        if (!await TestPorts.Answers(Port))
        {
            throw new InvalidOperationException($"redis-server did not answer on port {Port}.");
        }
    }

    public async Task StopAsync()
    {
        if (server is { HasExited: false })
        {
            server.Kill();
            await server.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(folder, recursive: true);
    }
}
