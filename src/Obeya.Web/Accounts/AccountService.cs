using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
using Microsoft.AspNetCore.Identity;
using NodaTime;
using Obeya.Domain;
using Obeya.Domain.Accounts;
using Obeya.Web.Infrastructure;
using Obeya.Web.Infrastructure.Writes;
using Obeya.Web.Language;

namespace Obeya.Web.Accounts;

/// <summary>The account document, folded inline by the domain's own From and With, so the domain needs no Marten.</summary>
public sealed class AccountProjection : DomainProjection<Account>
{
    public override Account? Evolve(Account? snapshot, Guid id, IEvent e) =>
        e.Data is AccountCreated created ? Account.From(created) : snapshot?.With(e.Data);
}

/// <summary>
/// Accounts as the host sees them: it hashes and checks passwords (the domain only sees hashes and whether one
/// matched), and every change goes through the one writer.
/// </summary>
public sealed class AccountService(IDocumentStore store, Writer writer, IPasswordHasher<Account> hasher)
{
    public const int MinPasswordLength = 12;

    /// <summary>Long pass phrases are welcome; beyond this it is no password but a paste gone wrong.</summary>
    public const int MaxPasswordLength = 256;

    /// <summary>An account as the writer handles it: no team; one e-mail per account (the unique index says so too).</summary>
    public static readonly StreamKind<Account> Kind = new(
        AccountNotFound, Unique: violation => violation.ConstraintName?.Contains("email", StringComparison.OrdinalIgnoreCase) == true
            ? DomainException.Conflict("email", Phrase.Of("account.emailInUse"))
            : null);

    /// <summary>Checked against for an unknown e-mail, so a wrong address takes as long as a wrong password.</summary>
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<Account>().HashPassword(null!, Guid.NewGuid().ToString()));

    public static DomainException AccountNotFound() => DomainException.NotFound("accountId", Phrase.Of("account.notFound"));

    public static void CheckNewPassword(string field, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            throw new DomainException(field, Phrase.Of("text.required"));
        }

        if (password.Length < MinPasswordLength)
        {
            throw new DomainException(field, Phrase.Of("account.passwordTooShort", MinPasswordLength, password.Length));
        }

        if (password.Length > MaxPasswordLength)
        {
            throw new DomainException(field, Phrase.Of("account.passwordTooLong", MaxPasswordLength, password.Length));
        }

        // No keyboard types these: a password holding one was pasted with something else in it.
        if (password.Any(char.IsControl) || !IsWellFormed(password))
        {
            throw new DomainException(field, Phrase.Of("account.passwordControlCharacters"));
        }
    }

    private static bool IsWellFormed(string text)
    {
        try
        {
            _ = Strict.GetByteCount(text);
            return true;
        }
        catch (System.Text.EncoderFallbackException)
        {
            return false;
        }
    }

    private static readonly System.Text.UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task<bool> AnyAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Query<Account>().AnyAsync(ct);
    }

    /// <summary>The account with this e-mail; null for none, also for text that can be no e-mail address at all.</summary>
    public async Task<Account?> FindByEmailAsync(string email, CancellationToken ct)
    {
        string normalized;
        try
        {
            normalized = AccountDecisions.NormalizeEmail("email", email);
        }
        catch (DomainException)
        {
            return null;
        }

        await using var session = store.QuerySession();
        return await session.Query<Account>().Where(a => a.Email == normalized).FirstOrDefaultAsync(ct);
    }

    public async Task<Account?> LoadAsync(Guid accountId, CancellationToken ct)
    {
        if (accountId == Guid.Empty)
        {
            return null;
        }

        await using var session = store.QuerySession();
        return await session.LoadAsync<Account>(accountId, ct);
    }

    /// <summary>A new account; <paramref name="password"/> null for one that signs in only through the organisation.</summary>
    public async Task<Account> CreateAsync(
        string? name, string? email, string? password, IReadOnlyList<GlobalRole> roles, Actor by, CancellationToken ct)
    {
        string? hash = null;
        if (password is not null)
        {
            CheckNewPassword("password", password);
            hash = hasher.HashPassword(null!, password);
        }

        var normalized = AccountDecisions.NormalizeEmail("email", email);
        var taken = await FindByEmailAsync(normalized, ct) is not null;
        // Two creations with one e-mail at once: the unique index lets one through, the other hears 409 (Kind.Unique).
        var created = AccountDecisions.Create(new CreateAccount(Guid.CreateVersion7(), name ?? "", normalized, hash, roles), taken, by, writer.Now);
        await writer.Start(Kind, created.AccountId, [created], ct);
        return Account.From(created);
    }

    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return [.. (await session.Query<Account>().OrderBy(a => a.Email).ToListAsync(ct)).Where(a => !a.Removed)];
    }

    /// <summary>Gives an account exactly these global roles.</summary>
    public Task<Account> ChangeRolesAsync(Guid accountId, IReadOnlyList<GlobalRole>? roles, CurrentUser by, CancellationToken ct) =>
        Change(accountId, (account, now) => AccountDecisions.ChangeRoles(account, roles, by.AccountId, by.Actor, now), ct);

    /// <summary>Remembers the language someone chose for their screens, for every browser they sign in from.</summary>
    public Task<Account> ChooseLanguageAsync(Guid accountId, string? language, CurrentUser by, CancellationToken ct) =>
        Change(accountId, (account, now) => AccountDecisions.ChooseLanguage(account, language, by.Actor, now), ct);

    /// <summary>Lifts a lockout before it runs out.</summary>
    public Task<Account> UnlockAsync(Guid accountId, CurrentUser by, CancellationToken ct) =>
        Change(accountId, (account, now) => AccountDecisions.Unlock(account, by.Actor, now), ct);

    /// <summary>Removes the account of someone who left: no more signing in, and history calls them "voormalig medewerker".</summary>
    public Task<Account> RemoveAsync(Guid accountId, CurrentUser by, CancellationToken ct) =>
        Change(accountId, (account, now) => AccountDecisions.Remove(account, by.AccountId, by.Actor, now), ct);

    /// <summary>
    /// Checks an e-mail and password; the account when they are right, else the Dutch refusal (one for every case).
    /// Attempts on one account are decided one after another, each on the count the last one left.
    /// </summary>
    public async Task<(Account? Account, string? Refusal)> SignInAsync(string? email, string? password, CancellationToken ct)
    {
        string normalized;
        try
        {
            normalized = AccountDecisions.NormalizeEmail("email", email);
        }
        catch (DomainException)
        {
            hasher.VerifyHashedPassword(null!, DecoyHash.Value, password ?? "");
            return (null, AccountDecisions.WrongCredentials.Worded());
        }

        var found = await FindByEmailAsync(normalized, ct);
        if (found is null)
        {
            hasher.VerifyHashedPassword(null!, DecoyHash.Value, password ?? "");
            return (null, AccountDecisions.WrongCredentials.Worded());
        }

        // Hashing is slow on purpose: done once, outside the write; a decision on a newer account only trusts it for the same hash.
        var checkedHash = found.PasswordHash;
        var matches = checkedHash is not null && !string.IsNullOrEmpty(password)
            && hasher.VerifyHashedPassword(found, checkedHash, password) != PasswordVerificationResult.Failed;
        SignInOutcome? outcome = null;
        var written = await writer.Change(Kind, found.Id, Versioning.Newest, _ => Task.CompletedTask, (account, now) =>
        {
            outcome = AccountDecisions.SignIn(account, matches && account.PasswordHash == checkedHash, now);
            return outcome.Events;
        }, ct);
        return outcome!.Succeeded
            ? (written.Events.Aggregate(found, (state, e) => state.With(e)), null)
            : (null, outcome.Refusal!.Says.Worded());
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
        // Read again when another sign-in of the same person stored its account or binding at the same moment.
        for (var attempt = 1; ; attempt++)
        {
            var bound = string.IsNullOrWhiteSpace(signIn.Issuer) || string.IsNullOrWhiteSpace(signIn.Subject)
                ? null
                : await FindByExternalIdentityAsync(signIn.Issuer, signIn.Subject, ct);
            var withEmail = bound is null && !string.IsNullOrWhiteSpace(signIn.Email) ? await FindByEmailAsync(signIn.Email, ct) : null;
            if ((bound ?? withEmail) is { } existing)
            {
                // Decided on the account as the writer reads it, so a change that landed in between is taken into account.
                Account? before = null;
                var written = await writer.Change(Kind, existing.Id, Versioning.Newest, _ => Task.CompletedTask, (account, now) =>
                {
                    before = account.Removed
                        ? throw DomainException.NotAllowed(Phrase.Of("account.noLongerExists"))
                        : account;
                    return AccountDecisions.SignInExternally(signIn, bound is null ? null : account, bound is null ? account : null, trustEmailAddresses, Guid.Empty, now).Events;
                }, ct);
                return written.Events.Aggregate(before!, (state, e) => state.With(e));
            }

            var outcome = AccountDecisions.SignInExternally(signIn, null, null, trustEmailAddresses, Guid.CreateVersion7(), writer.Now);
            try
            {
                await writer.Start(Kind, outcome.Account.Id, outcome.Events, ct);
                return outcome.Account;
            }
            catch (DomainException e) when (e.Refusal == Refusal.Conflict && attempt < 3)
            {
                // The e-mail or the subject was stored by another sign-in at the same moment: that account is found now.
            }
        }
    }

    public async Task ChangePasswordAsync(Guid accountId, string? currentPassword, string? newPassword, string? repeatPassword, CancellationToken ct)
    {
        CheckNewPassword("newPassword", newPassword);
        if (newPassword != repeatPassword)
        {
            throw new DomainException("repeatPassword", Phrase.Of("account.passwordsDiffer"));
        }

        var account = await LoadAsync(accountId, ct) ?? throw AccountNotFound();
        var checkedHash = account.PasswordHash;
        var matches = checkedHash is not null && !string.IsNullOrEmpty(currentPassword)
            && hasher.VerifyHashedPassword(account, checkedHash, currentPassword) != PasswordVerificationResult.Failed;
        var newHash = hasher.HashPassword(account, newPassword!);
        await Change(accountId, (current, now) => AccountDecisions.ChangePassword(
            current, matches && current.PasswordHash == checkedHash, newHash, new Actor(current.Id, current.Name), now), ct);
    }

    /// <summary>One decided event on an account, decided again on the newer account if another write came first.</summary>
    private async Task<Account> Change(Guid accountId, Func<Account, Instant, object> decide, CancellationToken ct)
    {
        Account? before = null;
        var written = await writer.Change(Kind, accountId, Versioning.Newest, _ => Task.CompletedTask, (account, now) =>
        {
            before = account;
            return [decide(account, now)];
        }, ct);
        return written.Events.Aggregate(before!, (state, e) => state.With(e));
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
