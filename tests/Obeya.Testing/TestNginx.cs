using System.Diagnostics;

namespace Obeya.Testing;

/// <summary>
/// Debian's nginx in front of the given nodes, on a free port of its own, with the repo's proxy settings
/// (deploy/nginx/obeya-locations.conf) and the site's upstream rules (sticky by client address, a node that fails
/// skipped for five seconds); plain HTTP, as TLS ends at nginx and is not what the test is about.
/// </summary>
public sealed class TestNginx : IAsyncDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "obeya-tests", "nginx-" + Guid.NewGuid().ToString("N")[..12]);
    private Process? server;

    public int Port { get; private set; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public static async Task<TestNginx> StartAsync(params Uri[] nodes)
    {
        var nginx = new TestNginx();
        await nginx.Start(nodes);
        return nginx;
    }

    private async Task Start(Uri[] nodes)
    {
        Port = TestPorts.Free();
        Directory.CreateDirectory(folder);
        var servers = string.Concat(nodes.Select(n => $"        server {n.Host}:{n.Port} max_fails=1 fail_timeout=5s;\n"));
        var root = Environment.UserName == "root" ? "user root;\n" : "";
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            {{root}}worker_processes 1;
            error_log {{folder}}/error.log warn;
            pid {{folder}}/nginx.pid;
            events { worker_connections 512; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                upstream obeya {
                    ip_hash;
            {{servers}}    }
                server {
                    listen 127.0.0.1:{{Port}};
                    include {{RepoFiles.Find("deploy/nginx/obeya-locations.conf")}};
                }
            }
            """);
        var path = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        server = Process.Start(new ProcessStartInfo(path, $"-p {folder} -c {folder}/nginx.conf -g \"daemon off;\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("nginx did not start: install Debian's nginx (test.sh does as root).");
        if (!await TestPorts.Answers(Port, () => server.HasExited))
        {
            throw new InvalidOperationException(server.HasExited
                ? $"nginx stopped: {await server.StandardError.ReadToEndAsync()}"
                : $"nginx did not answer on port {Port}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (server is { HasExited: false })
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        Directory.Delete(folder, recursive: true);
    }
}
