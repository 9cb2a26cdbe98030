using Obeya.Domain.Accounts;

namespace Obeya.Web.Accounts;

/// <summary>
/// Accounts to try the demo with; their passwords are in the README, so they are made only with the demo data
/// and never in Production. Emmy and Marieke find their team through the e-mail the demo team has for them.
/// </summary>
public static class DemoAccounts
{
    public static readonly (string Name, string Email, string Password, GlobalRole[] Roles)[] All =
    [
        ("Emmy", "emmy@werk.example.nl", "Emmy-Werk-2026", []),
        ("Marieke", "marieke@werk.example.nl", "Marieke-Coach-2026", []),
        ("Pieter de Vries", "pieter@gemeente.example.nl", "Pieter-Obeya-2026", [GlobalRole.ProgrammeDirector]),
        ("Beheerder", "beheer@gemeente.example.nl", "Beheer-Obeya-2026", [GlobalRole.Administrator]),
    ];

    /// <summary>Each demo account whose e-mail is still free, so a restart makes none twice.</summary>
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        foreach (var (name, email, password, roles) in All)
        {
            if (await accounts.FindByEmailAsync(email, ct) is null)
            {
                await accounts.CreateAsync(name, email, password, roles, "Demo", ct);
            }
        }
    }
}
