using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
using Microsoft.AspNetCore.Identity;
using NodaTime;
using Obeya.Domain;
using Obeya.Domain.Accounts;
using Obeya.Web.Infrastructure;

namespace Obeya.Web.Accounts;

/// <summary>The account document, folded inline by the domain's own From and With, so the domain needs no Marten.</summary>
public sealed class AccountProjection : DomainProjection<Account>
{
    public override Account? Evolve(Account? snapshot, Guid id, IEvent e) =>
        e.Data is AccountCreated created ? Account.From(created) : snapshot?.With(e.Data);
}

/// <summary>
/// Accounts as the host sees them: it hashes and checks passwords (the domain only sees hashes and whether one
/// matched), reads the clock, and stores what the domain decided.
/// </summary>
public sealed class AccountService(IDocumentStore store, IClock clock, IPasswordHasher<Account> hasher)
{
    public const int MinPasswordLength = 12;

    /// <summary>The zone in which a lockout's end is told to the user.</summary>
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    /// <summary>Checked against for an unknown e-mail, so a wrong address takes as long as a wrong password.</summary>
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<Account>().HashPassword(null!, Guid.NewGuid().ToString()));

    public static void CheckNewPassword(string field, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            throw new DomainException(field, "Dit veld is verplicht.");
        }

        if (password.Length < MinPasswordLength)
        {
            throw new DomainException(field, $"Een wachtwoord heeft minstens {MinPasswordLength} tekens; dit zijn er {password.Length}.");
        }
    }

    public async Task<bool> AnyAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Query<Account>().AnyAsync(ct);
    }

    public async Task<Account?> FindByEmailAsync(string email, CancellationToken ct)
    {
        var normalized = email.Trim().ToLowerInvariant();
        await using var session = store.QuerySession();
        return await session.Query<Account>().Where(a => a.Email == normalized).FirstOrDefaultAsync(ct);
    }

    public async Task<Account?> LoadAsync(Guid accountId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<Account>(accountId, ct);
    }

    /// <summary>A new account; <paramref name="password"/> null for one that signs in only through the organisation.</summary>
    public async Task<Account> CreateAsync(
        string? name, string? email, string? password, IReadOnlyList<GlobalRole> roles, string by, CancellationToken ct)
    {
        var accountId = Guid.CreateVersion7();
        string? hash = null;
        if (password is not null)
        {
            CheckNewPassword("password", password);
            hash = hasher.HashPassword(null!, password);
        }

        var normalized = AccountDecisions.NormalizeEmail("email", email);
        var taken = await FindByEmailAsync(normalized, ct) is not null;
        var created = AccountDecisions.Create(new CreateAccount(accountId, name ?? "", normalized, hash, roles), taken, by, clock.GetCurrentInstant());
        await using var session = store.LightweightSession();
        session.Events.StartStream<Account>(created.AccountId, created);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (IsUniqueViolation(e))
        {
            // Two creations with one e-mail at once: the unique index let only one through.
            throw DomainException.Conflict("email", $"Er is al een account met het e-mailadres {normalized}.");
        }

        return Account.From(created);
    }

    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Query<Account>().OrderBy(a => a.Email).ToListAsync(ct);
    }

    /// <summary>Gives an account exactly these global roles.</summary>
    public async Task<Account> ChangeRolesAsync(Guid accountId, IReadOnlyList<GlobalRole>? roles, CurrentUser by, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Account>(accountId, ct);
        var account = stream.Aggregate ?? throw DomainException.NotFound("accountId", "Dit account bestaat niet.");
        var changed = AccountDecisions.ChangeRoles(account, roles, by.AccountId, by.Name, clock.GetCurrentInstant());
        stream.AppendOne(changed);
        await session.SaveChangesAsync(ct);
        return account.With(changed);
    }

    /// <summary>Checks an e-mail and password; the account when they are right, else the Dutch refusal.</summary>
    public async Task<(Account? Account, string? Refusal)> SignInAsync(string? email, string? password, CancellationToken ct)
    {
        string normalized;
        try
        {
            normalized = AccountDecisions.NormalizeEmail("email", email);
        }
        catch (DomainException)
        {
            return (null, AccountDecisions.WrongCredentials);
        }

        // A retry when another attempt on the same account was stored between our read and our write.
        for (var attempt = 0; ; attempt++)
        {
            var account = await FindByEmailAsync(normalized, ct);
            if (account is null)
            {
                hasher.VerifyHashedPassword(null!, DecoyHash.Value, password ?? "");
                return (null, AccountDecisions.WrongCredentials);
            }

            var matches = account.PasswordHash is { } hash && !string.IsNullOrEmpty(password)
                && hasher.VerifyHashedPassword(account, hash, password) != PasswordVerificationResult.Failed;
            var outcome = AccountDecisions.SignIn(account, matches, clock.GetCurrentInstant(), Zone);
            try
            {
                await Append(account, outcome.Events, ct);
            }
            catch (ConcurrencyException) when (attempt < 3)
            {
                continue;
            }

            return outcome.Succeeded
                ? (outcome.Events.Aggregate(account, (state, e) => state.With(e)), null)
                : (null, outcome.Refusal!.Message);
        }
    }

    public async Task<Account?> FindByExternalIdentityAsync(string issuer, string subject, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Query<Account>()
            .Where(a => a.External!.Issuer == issuer && a.External.Subject == subject)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The account of someone the organisation's identity provider signed in: the one bound to its issuer and
    /// subject, else the one with its (verified) e-mail, now bound, else a new one. Throws the domain's Dutch refusal.
    /// </summary>
    public async Task<Account> SignedInExternallyAsync(ExternalSignIn signIn, bool trustEmailAddresses, CancellationToken ct)
    {
        // A retry when another sign-in of the same person, or a change to the account, was stored in between.
        for (var attempt = 0; ; attempt++)
        {
            var bound = string.IsNullOrWhiteSpace(signIn.Issuer) || string.IsNullOrWhiteSpace(signIn.Subject)
                ? null
                : await FindByExternalIdentityAsync(signIn.Issuer, signIn.Subject, ct);
            var withEmail = bound is null && !string.IsNullOrWhiteSpace(signIn.Email) ? await FindByEmailAsync(signIn.Email, ct) : null;
            var outcome = AccountDecisions.SignInExternally(signIn, bound, withEmail, trustEmailAddresses, Guid.CreateVersion7(), clock.GetCurrentInstant());
            try
            {
                if (outcome.Existing is { } existing)
                {
                    await Append(existing, outcome.Events, ct);
                }
                else
                {
                    await using var session = store.LightweightSession();
                    session.Events.StartStream<Account>(outcome.Account.Id, [.. outcome.Events]);
                    await session.SaveChangesAsync(ct);
                }
            }
            catch (Exception e) when (attempt < 3 && (e is ConcurrencyException || IsUniqueViolation(e)))
            {
                // The same e-mail or subject was stored by another sign-in at the same moment: read again.
                continue;
            }

            return outcome.Account;
        }
    }

    /// <summary>A unique index refused the write; Marten wraps it as a command error or, for an update, as "already exists".</summary>
    private static bool IsUniqueViolation(Exception e) =>
        e is Marten.Exceptions.MartenCommandException or DocumentAlreadyExistsException
        && e.InnerException is Npgsql.PostgresException { SqlState: "23505" };

    public async Task ChangePasswordAsync(Guid accountId, string? currentPassword, string? newPassword, string? repeatPassword, CancellationToken ct)
    {
        CheckNewPassword("newPassword", newPassword);
        if (newPassword != repeatPassword)
        {
            throw new DomainException("repeatPassword", "De twee nieuwe wachtwoorden zijn niet gelijk.");
        }

        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Account>(accountId, ct);
        var account = stream.Aggregate ?? throw DomainException.NotFound("accountId", "Dit account bestaat niet.");
        var matches = account.PasswordHash is { } hash && !string.IsNullOrEmpty(currentPassword)
            && hasher.VerifyHashedPassword(account, hash, currentPassword) != PasswordVerificationResult.Failed;
        stream.AppendOne(AccountDecisions.ChangePassword(account, matches, hasher.HashPassword(account, newPassword!), account.Name, clock.GetCurrentInstant()));
        await session.SaveChangesAsync(ct);
    }

    private async Task Append(Account account, IReadOnlyList<object> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return;
        }

        await using var session = store.LightweightSession();
        session.Events.Append(account.Id, account.Version + events.Count, [.. events]);
        await session.SaveChangesAsync(ct);
    }
}

public static class AccountStore
{
    public static Marten.StoreOptions ConfigureAccounts(this Marten.StoreOptions options)
    {
        options.Projections.Add<AccountProjection>(ProjectionLifecycle.Inline);
        // One account per e-mail: the key for signing in and for matching team membership.
        options.Schema.For<Account>().UniqueIndex(a => a.Email);
        // One account per person at an identity provider; accounts not yet bound (null) are not counted.
        options.Schema.For<Account>().UniqueIndex(UniqueIndexType.Computed, "mt_account_external_identity",
            a => a.External!.Issuer, a => a.External!.Subject);
        return options;
    }
}
