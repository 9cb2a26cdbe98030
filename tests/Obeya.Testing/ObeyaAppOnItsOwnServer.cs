using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Obeya.EmbeddedPostgres;

namespace Obeya.Testing;

/// <summary>
/// Obeya on its embedded default, as ./run.sh starts it: no connection string, so the host starts (and supervises) an
/// embedded PostgreSQL of its own on a fresh data folder. For tests that stop or kill that server.
/// </summary>
public sealed class ObeyaAppOnItsOwnServer : ObeyaApp
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "obeya-tests", "own-" + Guid.NewGuid().ToString("N")[..12]);

    public EmbeddedPostgresServer Postgres => Services.GetRequiredService<EmbeddedPostgresServer>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Obeya", "");
        builder.UseSetting("Obeya:DataDirectory", Path.Combine(_root, "pg"));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
