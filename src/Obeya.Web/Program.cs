using Obeya.EmbeddedPostgres;
using Obeya.Web;
using Obeya.Web.Accounts;
using Obeya.Web.Infrastructure;

var adminCommand = AdminCommand.Parse(args, out var hostArgs);
var builder = WebApplication.CreateBuilder(ObeyaCommandLine.Normalize(hostArgs));
try
{
    builder.AddObeya();
}
catch (Exception e) when (e is EmbeddedPostgresException or InvalidSettingException)
{
    // No stack trace for a machine that lacks PostgreSQL or a setting that cannot work: say what to do and stop.
    Console.Error.WriteLine($"Obeya kan niet starten: {e.Message}");
    return 1;
}

var app = builder.Build();
if (adminCommand is not null)
{
    // Against the store only: the web host (and the demo seeding) never starts.
    await using (app)
    {
        return await adminCommand.RunAsync(app.Services, Console.Out, Console.Error);
    }
}

app.MapObeya();
await app.RunAsync();
return 0;

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
