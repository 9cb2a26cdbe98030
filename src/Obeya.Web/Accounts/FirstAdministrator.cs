using Obeya.Domain;
using Obeya.Domain.Accounts;
using Obeya.Web.Language;

namespace Obeya.Web.Accounts;

/// <summary>
/// The first administrator from configuration (<c>Obeya__Admin__Email</c>, <c>Obeya__Admin__Password</c>, optional
/// <c>Obeya__Admin__Name</c>), for a container that cannot run the admin command. Only on a store with no accounts,
/// so a password left in the environment never resets one later.
/// </summary>
public sealed class FirstAdministrator(IServiceProvider services, IConfiguration configuration, ILogger<FirstAdministrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var email = configuration["Obeya:Admin:Email"];
        var password = configuration["Obeya:Admin:Password"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        if (await accounts.AnyAsync(cancellationToken))
        {
            return;
        }

        try
        {
            var admin = await accounts.CreateAsync(
                configuration["Obeya:Admin:Name"] ?? "Beheerder", email, password, [GlobalRole.Administrator], "Obeya", cancellationToken);
            logger.LogInformation("First administrator {Email} created from the environment", admin.Email);
        }
        catch (DomainException e)
        {
            // Refuse to start rather than run without the administrator the operator asked for.
            throw new InvalidOperationException($"Obeya__Admin: {e.Says.Worded()}", e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
