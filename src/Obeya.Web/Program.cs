using Obeya.Web;
using Obeya.Web.Infrastructure.Postgres;

var builder = WebApplication.CreateBuilder(ObeyaCommandLine.Normalize(args));
try
{
    builder.AddObeya();
}
catch (EmbeddedPostgresException e)
{
    // No stack trace for a machine that lacks PostgreSQL: say what to do and stop.
    Console.Error.WriteLine($"Obeya kan niet starten: {e.Message}");
    return 1;
}

var app = builder.Build();
app.MapObeya();
await app.RunAsync();
return 0;

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
