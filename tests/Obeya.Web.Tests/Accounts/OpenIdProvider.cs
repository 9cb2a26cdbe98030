using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Obeya.Web.Tests.Accounts;

/// <summary>
/// A real OpenID Provider in a child process: the npm package oidc-provider (OpenID certified), configured by
/// Accounts/Provider/provider.mjs, serving HTTPS on a free port of 127.0.0.1 with a certificate from a CA made for
/// this run. Its login page takes any login name as the subject; who that subject is comes from <see cref="Person"/>.
/// </summary>
public sealed class OpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "obeya-tests";

    public const string ClientSecret = "geheim-voor-de-tests";

    /// <summary>The folder with package.json, its lockfile and provider.mjs, in the source tree (see the csproj).</summary>
    private static readonly string Folder = typeof(OpenIdProvider).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "OidcProviderFolder").Value!;

    /// <summary>One npm install per test run, only when the pinned package is not there yet.</summary>
    private static readonly Lazy<Task> Installed = new(InstallAsync);

    private readonly Process process;

    private readonly string folder;

    private readonly Lock people = new();

    private readonly Dictionary<string, Dictionary<string, object>> claims = [];

    private OpenIdProvider(Process process, string folder, string issuer, X509Certificate2 authority)
    {
        this.process = process;
        this.folder = folder;
        Issuer = issuer;
        CertificateAuthority = authority;
    }

    /// <summary>The provider's issuer, e.g. https://127.0.0.1:40123.</summary>
    public string Issuer { get; }

    /// <summary>The CA that signed the provider's TLS certificate; nothing trusts it unless told to.</summary>
    public X509Certificate2 CertificateAuthority { get; }

    /// <summary>The CA as a PEM file, for <c>Obeya:Oidc:TrustedCertificate</c>.</summary>
    public string CertificateAuthorityPath => Path.Combine(folder, "ca.pem");

    private string AccountsPath => Path.Combine(folder, "accounts.json");

    /// <param name="relyingParties">Obeya's base addresses, for the redirect URIs the provider allows.</param>
    /// <param name="offersLogout">Whether it has an end-session endpoint (RP-initiated logout).</param>
    public static async Task<OpenIdProvider> StartAsync(IReadOnlyList<string> relyingParties, bool offersLogout = true)
    {
        await Installed.Value;
        var folder = Directory.CreateTempSubdirectory("obeya-oidc-").FullName;
        var authority = WriteCertificates(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "accounts.json"), "{}");

        var start = new ProcessStartInfo("node", [Path.Combine(Folder, "provider.mjs")])
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["OIDC_CLIENT_ID"] = ClientId,
                ["OIDC_CLIENT_SECRET"] = ClientSecret,
                ["OIDC_RP_URLS"] = string.Join(',', relyingParties),
                ["OIDC_ACCOUNTS_FILE"] = Path.Combine(folder, "accounts.json"),
                ["OIDC_TLS_CERT"] = Path.Combine(folder, "provider.pem"),
                ["OIDC_TLS_KEY"] = Path.Combine(folder, "provider-key.pem"),
                ["OIDC_RP_INITIATED_LOGOUT"] = offersLogout ? "true" : "false",
            },
        };
        var process = Start(start);
        var errors = new StringBuilder();
        var issuer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("issuer ", StringComparison.Ordinal))
            {
                issuer.TrySetResult(line["issuer ".Length..].Trim());
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.Exited += (_, _) => issuer.TrySetException(new InvalidOperationException("The OpenID provider stopped."));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            return new OpenIdProvider(process, folder, await issuer.Task.WaitAsync(TimeSpan.FromSeconds(30)), authority);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (errors)
            {
                throw new InvalidOperationException($"The OpenID provider did not start: {errors}", e);
            }
        }
    }
    /// <summary>Who <paramref name="subject"/> is at the provider from now on; a subject never given has only its sub.</summary>
    public void Person(string subject, string email, bool emailVerified, string name)
    {
        lock (people)
        {
            claims[subject] = new() { ["email"] = email, ["email_verified"] = emailVerified, ["name"] = name };
            File.WriteAllText(AccountsPath, JsonSerializer.Serialize(claims));
        }
    }

    /// <summary>How a browser reaches the provider: trusting its CA, with cookies and redirects left to the caller.</summary>
    public HttpMessageHandler BrowserHandler()
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(CertificateAuthority);
        return new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, SslOptions = { CertificateChainPolicy = policy } };
    }

    private bool disposed;

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        // Closing its stdin is how provider.mjs knows to stop.
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
        CertificateAuthority.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Node.js is needed for the OpenID provider of the tests: apt-get install -y nodejs npm", e);
        }
    }

    private static async Task InstallAsync()
    {
        if (File.Exists(Path.Combine(Folder, "node_modules", "oidc-provider", "package.json")))
        {
            return;
        }

        // The lockfile pins oidc-provider and everything under it.
        var start = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"])
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var npm = Start(start);
        var output = npm.StandardOutput.ReadToEndAsync();
        var error = npm.StandardError.ReadToEndAsync();
        await npm.WaitForExitAsync();
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {Folder} failed ({npm.ExitCode}): {await output}{await error}");
        }
    }

    /// <summary>A CA of this run and the provider's certificate for 127.0.0.1 signed by it, as PEM files; returns the CA.</summary>
    private static X509Certificate2 WriteCertificates(string folder)
    {
        var now = DateTimeOffset.UtcNow;
        using var authorityKey = RSA.Create(2048);
        var authorityRequest = new CertificateRequest("CN=Obeya tests CA", authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, false));
        var authority = authorityRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(2));

        using var providerKey = RSA.Create(2048);
        var providerRequest = new CertificateRequest("CN=127.0.0.1", providerKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        providerRequest.CertificateExtensions.Add(names.Build());
        providerRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        providerRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        providerRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1")], false));
        providerRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        using var provider = providerRequest.Create(authority, now.AddHours(-1), now.AddDays(1), RandomNumberGenerator.GetBytes(16));

        File.WriteAllText(Path.Combine(folder, "ca.pem"), authority.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "provider.pem"), provider.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "provider-key.pem"), providerKey.ExportPkcs8PrivateKeyPem());
        return authority;
    }
}
