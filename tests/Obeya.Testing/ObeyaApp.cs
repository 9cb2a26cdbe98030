using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace Obeya.Testing;

/// <summary>
/// Obeya on its own database, with a clock the test sets. Share one per test class
/// (<c>IClassFixture&lt;ObeyaApp&gt;</c>); derive to change what the host starts with.
/// </summary>
public class ObeyaApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Monday 23 November 2026, 09:00 in Amsterdam.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 11, 23, 8, 0);

    public FakeClock Clock { get; } = new(Start);

    public string ConnectionString { get; private set; } = "";

    protected virtual bool SeedsDemo => false;

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    public async Task InitializeAsync() => ConnectionString = await TestDatabase.CreateAsync(GetType().Name);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Obeya", ConnectionString);
        builder.UseSetting("Obeya:Demo", SeedsDemo ? "true" : "false");
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<IClock>(Clock)));
    }

    /// <summary>A client that acts as <paramref name="actor"/> (the temporary actor header).</summary>
    public HttpClient ClientFor(string actor = "Emmy")
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(Obeya.Web.Infrastructure.Actor.Header, actor);
        return client;
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
