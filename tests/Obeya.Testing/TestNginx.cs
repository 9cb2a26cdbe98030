using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Obeya.Testing;

/// <summary>
/// Debian's nginx in front of the given nodes, on a free port of its own, with the repo's proxy settings
/// (deploy/nginx/obeya-locations.conf) and the site's upstream rules (sticky by client address, a node that fails
/// skipped for five seconds); on one port plain HTTP, on another TLS with a certificate made for the run, ended at nginx
/// as the site (deploy/nginx/obeya.conf) ends it.
/// </summary>
public sealed class TestNginx : IAsyncDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "obeya-tests", "nginx-" + Guid.NewGuid().ToString("N")[..12]);
    private Process? server;

    public int Port { get; private set; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public int TlsPort { get; private set; }

    public Uri TlsBaseAddress => new($"https://127.0.0.1:{TlsPort}/");

    /// <summary>What nginx presents on <see cref="TlsPort"/>: a client pins it.</summary>
    public X509Certificate2 Certificate { get; private set; } = null!;

    public static async Task<TestNginx> StartAsync(params Uri[] nodes)
    {
        var nginx = new TestNginx();
        await nginx.Start(nodes);
        return nginx;
    }

    private async Task Start(Uri[] nodes)
    {
        Port = TestPorts.Free();
        TlsPort = TestPorts.Free();
        Directory.CreateDirectory(folder);
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllText(Path.Combine(folder, "cert.pem"), Certificate.ExportCertificatePem());
            File.WriteAllText(Path.Combine(folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        }

        var servers = string.Concat(nodes.Select(n => $"        server {n.Host}:{n.Port} max_fails=1 fail_timeout=5s;\n"));
        var root = Environment.UserName == "root" ? "user root;\n" : "";
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            {{root}}worker_processes 1;
            error_log {{folder}}/error.log warn;
            pid {{folder}}/nginx.pid;
            events { worker_connections 4096; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
                upstream obeya {
                    ip_hash;
            {{servers}}        keepalive 64;
                }
                server {
                    listen 127.0.0.1:{{Port}};
                    include {{RepoFiles.Find("deploy/nginx/obeya-locations.conf")}};
                }
                server {
                    listen 127.0.0.1:{{TlsPort}} ssl;
                    ssl_certificate {{folder}}/cert.pem;
                    ssl_certificate_key {{folder}}/key.pem;
                    ssl_protocols TLSv1.2 TLSv1.3;
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

        Certificate.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
