using Obeya.Domain;
using Obeya.Domain.Accounts;
using Obeya.Web.Language;

namespace Obeya.Web.Accounts;

/// <summary>
/// <c>admin create --email a@b.nl --name "…" --password "…"</c> makes an administrator, <c>admin unlock --email a@b.nl</c>
/// lifts a lockout (for when the only beheerder is the one locked out); both against the configured store, and exit
/// without starting the web host.
/// </summary>
public sealed record AdminCommand(string Verb, string? Email, string? Name, string? Password)
{
    public const string Usage =
        "Gebruik: admin create --email <e-mailadres> --name <naam> --password <wachtwoord van minstens 12 tekens>, of: admin unlock --email <e-mailadres>";

    /// <summary>
    /// Null when the arguments are not an admin command. <paramref name="hostArguments"/> are the rest (e.g. a
    /// connection string), so the command reaches the same store the app would; the password never enters configuration.
    /// </summary>
    public static AdminCommand? Parse(string[] args, out string[] hostArguments)
    {
        hostArguments = args;
        if (args.Length < 2 || args[0] != "admin" || args[1] is not ("create" or "unlock"))
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
        return new AdminCommand(args[1], email, name, password);
    }

    /// <returns>The process exit code: 0 done, 1 refused, 2 incomplete command.</returns>
    public async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(Email) || (Verb == "create" && (string.IsNullOrWhiteSpace(Name) || Password is null)))
        {
            await error.WriteLineAsync($"Niet gedaan: {(Verb == "create" ? "e-mailadres, naam en wachtwoord zijn alle drie nodig" : "het e-mailadres ontbreekt")}. {Usage}");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        try
        {
            if (Verb == "create")
            {
                var admin = await accounts.CreateAsync(Name, Email, Password, [GlobalRole.Administrator], "Obeya", ct);
                await output.WriteLineAsync($"Beheerder {admin.Name} ({admin.Email}) is aangemaakt. Log in op /inloggen.");
                return 0;
            }

            var account = await accounts.FindByEmailAsync(Email, ct) ?? throw DomainException.NotFound("email", Phrase.Of("account.noAccountWithEmail", Email));
            await accounts.UnlockAsync(account.Id, new CurrentUser(Guid.Empty, "Obeya", "", []), ct);
            await output.WriteLineAsync($"Het account {account.Email} is niet meer geblokkeerd.");
            return 0;
        }
        catch (DomainException e)
        {
            await error.WriteLineAsync($"Niet gedaan: {e.Says.Worded()}");
            return 1;
        }
    }
}
