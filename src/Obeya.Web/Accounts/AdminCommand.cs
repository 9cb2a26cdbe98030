using Obeya.Domain;
using Obeya.Domain.Accounts;

namespace Obeya.Web.Accounts;

/// <summary>
/// <c>admin create --email a@b.nl --name "…" --password "…"</c>: makes an administrator against the configured store
/// and exits, without starting the web host.
/// </summary>
public sealed record AdminCommand(string? Email, string? Name, string? Password)
{
    public const string Usage = "Gebruik: admin create --email <e-mailadres> --name <naam> --password <wachtwoord van minstens 12 tekens>";

    /// <summary>
    /// Null when the arguments are not an admin command. <paramref name="hostArguments"/> are the rest (e.g. a
    /// connection string), so the command reaches the same store the app would; the password never enters configuration.
    /// </summary>
    public static AdminCommand? Parse(string[] args, out string[] hostArguments)
    {
        hostArguments = args;
        if (args.Length < 2 || args[0] != "admin" || args[1] != "create")
        {
            return null;
        }

        string? email = null, name = null, password = null;
        var rest = new List<string>();
        for (var i = 2; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--email": email = value; i++; break;
                case "--name": name = value; i++; break;
                case "--password": password = value; i++; break;
                default: rest.Add(args[i]); break;
            }
        }

        hostArguments = [.. rest];
        return new AdminCommand(email, name, password);
    }

    /// <returns>The process exit code: 0 made, 1 refused, 2 incomplete command.</returns>
    public async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrWhiteSpace(Name) || Password is null)
        {
            await error.WriteLineAsync($"Niet aangemaakt: e-mailadres, naam en wachtwoord zijn alle drie nodig. {Usage}");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        try
        {
            var admin = await scope.ServiceProvider.GetRequiredService<AccountService>()
                .CreateAsync(Name, Email, Password, [GlobalRole.Administrator], "Obeya", ct);
            await output.WriteLineAsync($"Beheerder {admin.Name} ({admin.Email}) is aangemaakt. Log in op /inloggen.");
            return 0;
        }
        catch (DomainException e)
        {
            await error.WriteLineAsync($"Niet aangemaakt: {e.Message}");
            return 1;
        }
    }
}
