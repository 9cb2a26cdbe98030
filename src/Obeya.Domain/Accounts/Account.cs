using NodaTime;

namespace Obeya.Domain.Accounts;

/// <summary>
/// Roles an account holds everywhere. Teamlid and coach are not here: they follow from a team's members and
/// coaches, matched to the account by e-mail, so a team change needs no account change.
/// </summary>
public enum GlobalRole
{
    /// <summary>Beheerder: manages teams, members, coaches, accounts and wall-screen tokens.</summary>
    Administrator,
    /// <summary>Programmadirecteur: reads every board and steers the Obeya.</summary>
    ProgrammeDirector,
}

/// <summary>
/// A new account. <see cref="PasswordHash"/> is computed by the host (the domain never sees a password) and is
/// null for an account that only signs in through the organisation's identity provider.
/// </summary>
public sealed record AccountCreated(
    Guid AccountId, string Name, string Email, string? PasswordHash, IReadOnlyList<GlobalRole> Roles, Actor By, Instant At) : IFact;

public sealed record PasswordChanged(Guid AccountId, string PasswordHash, Actor By, Instant At) : IFact;

/// <summary>A wrong password for this account; the fifth in a row locks it.</summary>
public sealed record SignInFailed(Guid AccountId, Actor By, Instant At) : IFact;

public sealed record AccountLockedOut(Guid AccountId, Instant Until, Actor By, Instant At) : IFact;

public sealed record SignInSucceeded(Guid AccountId, Actor By, Instant At) : IFact;

/// <summary>A beheerder gave the account these global roles (all of them; an empty list takes them all away).</summary>
public sealed record AccountRolesChanged(Guid AccountId, IReadOnlyList<GlobalRole> Roles, Actor By, Instant At) : IFact;

/// <summary>A beheerder lifted a lockout before it ran out.</summary>
public sealed record AccountUnlocked(Guid AccountId, Actor By, Instant At) : IFact;

/// <summary>
/// A beheerder removed the account: it cannot sign in, and history names what it did "voormalig medewerker".
/// </summary>
public sealed record AccountRemoved(Guid AccountId, Actor By, Instant At) : IFact;

/// <summary>
/// From now on this account is the one of this person at the organisation's identity provider: found by the
/// provider's issuer and its subject for them (which the provider never gives to anyone else), not by e-mail.
/// Stored at the account's first sign-in through the organisation; an account is bound once.
/// </summary>
public sealed record ExternalIdentityBound(Guid AccountId, string Issuer, string Subject, Actor By, Instant At) : IFact;

/// <summary>A person at an identity provider: its issuer (<c>iss</c>) and its subject for them (<c>sub</c>).</summary>
public sealed record ExternalIdentity(string Issuer, string Subject);

/// <summary>The language someone chose for the screens (<see cref="Languages"/>), so a new browser opens in it too.</summary>
public sealed record LanguageChosen(Guid AccountId, string Language, Actor By, Instant At) : IFact;

/// <summary>The languages Obeya's screens speak, as two-letter codes; Dutch is everyone's until they choose.</summary>
public static class Languages
{
    public const string Dutch = "nl";
    public const string English = "en";

    public static readonly IReadOnlyList<string> All = [Dutch, English];
}

/// <summary>
/// Someone who signs in. <see cref="Email"/> is lower case, so it is the account's key and what team membership
/// is matched on. <see cref="FailedSignIns"/> counts wrong passwords since the last success or lockout.
/// </summary>
public sealed record Account(
    Guid Id,
    string Name,
    string Email,
    string? PasswordHash,
    IReadOnlyList<GlobalRole> Roles,
    int FailedSignIns,
    Instant? LockedUntil,
    bool Removed = false)
{
    /// <summary>Who this account is at the organisation's identity provider, once it signed in that way.</summary>
    public ExternalIdentity? External { get; init; }

    /// <summary>The language this person chose for the screens; null until they choose (then Dutch).</summary>
    public string? Language { get; init; }

    public static Account From(AccountCreated e) => new(e.AccountId, e.Name, e.Email, e.PasswordHash, e.Roles, 0, null);

    private Account With(PasswordChanged e) => this with { PasswordHash = e.PasswordHash };

    private Account With(SignInFailed _) => this with { FailedSignIns = FailedSignIns + 1 };

    private Account With(AccountLockedOut e) => this with { FailedSignIns = 0, LockedUntil = e.Until };

    private Account With(SignInSucceeded _) => this with { FailedSignIns = 0, LockedUntil = null };

    private Account With(AccountRolesChanged e) => this with { Roles = e.Roles };

    private Account With(AccountUnlocked _) => this with { FailedSignIns = 0, LockedUntil = null };

    /// <summary>
    /// Name, e-mail and the binding to the provider leave the document (the address may be given to someone new, the
    /// person may come back with a new account); the id stays for history.
    /// </summary>
    private Account With(AccountRemoved e) => this with
    {
        // History names whoever acted from it "voormalig medewerker", in the reader's language.
        Name = "",
        Email = $"verwijderd-{e.AccountId:N}",
        PasswordHash = null,
        Roles = [],
        Removed = true,
        External = null,
    };

    private Account With(LanguageChosen e) => this with { Language = e.Language };

    private Account With(ExternalIdentityBound e) => this with { External = new ExternalIdentity(e.Issuer, e.Subject) };

    /// <summary>Applies any account event after the first.</summary>
    public Account With(object e) => Dispatch(e);

    private Account Dispatch(object e) => e switch
    {
        PasswordChanged x => With(x),
        SignInFailed x => With(x),
        AccountLockedOut x => With(x),
        SignInSucceeded x => With(x),
        AccountRolesChanged x => With(x),
        AccountUnlocked x => With(x),
        AccountRemoved x => With(x),
        ExternalIdentityBound x => With(x),
        LanguageChosen x => With(x),
        _ => throw new ArgumentException($"{e.GetType().Name} is not an event of an existing account.", nameof(e)),
    };

    public bool IsLockedAt(Instant now) => LockedUntil is { } until && until > now;

    public bool Has(GlobalRole role) => Roles.Contains(role);
}

public sealed record CreateAccount(Guid AccountId, string Name, string Email, string? PasswordHash, IReadOnlyList<GlobalRole> Roles);

/// <summary>
/// What the organisation's identity provider said about someone who signed in there, read by the host from the
/// claims of the ID token and userinfo together. <see cref="EmailVerified"/> is the provider's <c>email_verified</c>.
/// </summary>
public sealed record ExternalSignIn(string? Issuer, string? Subject, string? Email, bool EmailVerified, string? Name);

/// <summary>
/// A sign-in through the organisation that succeeds: the events to store on the account's stream, starting it
/// when <see cref="Existing"/> is null (then the first event is its <see cref="AccountCreated"/>).
/// </summary>
public sealed record ExternalSignInOutcome(Account? Existing, IReadOnlyList<object> Events)
{
    /// <summary>The account after these events.</summary>
    public Account Account => Existing is null
        ? Events.Skip(1).Aggregate(Account.From((AccountCreated)Events[0]), (state, e) => state.With(e))
        : Events.Aggregate(Existing, (state, e) => state.With(e));
}

/// <summary>What a sign-in attempt leaves: events to store (even when refused, so failures count) and the refusal, if any.</summary>
public sealed record SignInOutcome(IReadOnlyList<object> Events, DomainException? Refusal)
{
    public bool Succeeded => Refusal is null;
}

/// <summary>Pure decisions for an account: state and command in, events out, or a <see cref="DomainException"/>.</summary>
public static class AccountDecisions
{
    public const int MaxFailedSignIns = 5;

    public static readonly Duration LockoutDuration = Duration.FromMinutes(15);

    /// <summary>
    /// One message for an unknown e-mail and a wrong password alike, so the login page does not tell which
    /// e-mail addresses have an account.
    /// </summary>
    public static readonly Phrase WrongCredentials = Phrase.Of("account.wrongCredentials");

    /// <summary>Lower case and trimmed: the form in which an e-mail is stored and looked up.</summary>
    public static string NormalizeEmail(string field, string? email)
    {
        var checkedEmail = Text.Name(field, email).ToLowerInvariant();
        var at = checkedEmail.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == checkedEmail.Length - 1 || checkedEmail.IndexOf('@', at + 1) >= 0 || checkedEmail.Any(char.IsWhiteSpace))
        {
            throw new DomainException(field, Phrase.Of("email.invalid"));
        }

        return checkedEmail;
    }

    /// <param name="emailTaken">Whether another account already has this e-mail: the host knows, the domain decides.</param>
    public static AccountCreated Create(CreateAccount command, bool emailTaken, Actor by, Instant now)
    {
        var name = Text.Name("name", command.Name);
        var email = NormalizeEmail("email", command.Email);
        if (command.PasswordHash is { } hash && string.IsNullOrWhiteSpace(hash))
        {
            throw new DomainException("password", Phrase.Of("text.required"));
        }

        if (emailTaken)
        {
            throw DomainException.Conflict("email", Phrase.Of("account.emailTaken", email));
        }

        return new AccountCreated(command.AccountId, name, email, command.PasswordHash, [.. command.Roles.Distinct()], by, now);
    }

    /// <summary>
    /// A sign-in with a password the host has checked against the stored hash. A locked or removed account is refused
    /// without a new event, whatever the password, so guessing on cannot shorten or prolong the lockout; the fifth
    /// wrong password in a row locks it for 15 minutes. Every refusal reads the same, so nobody learns from it whether
    /// an address has an account or whether that account is locked.
    /// </summary>
    public static SignInOutcome SignIn(Account account, bool passwordMatches, Instant now)
    {
        // Signs in through the organisation only: no event, as no password was tried against this account.
        if (account.Removed || account.IsLockedAt(now) || account.PasswordHash is null)
        {
            return new([], Refused());
        }

        var by = new Actor(account.Id, account.Name);
        if (passwordMatches)
        {
            return new([new SignInSucceeded(account.Id, by, now)], null);
        }

        var failed = new SignInFailed(account.Id, by, now);
        return account.FailedSignIns + 1 < MaxFailedSignIns
            ? new([failed], Refused())
            : new([failed, new AccountLockedOut(account.Id, now + LockoutDuration, by, now)], Refused());
    }

    /// <summary>The one answer to every refused sign-in.</summary>
    public static DomainException Refused() => new("email", WrongCredentials);

    /// <summary>A beheerder lifts a lockout (or the count of wrong passwords towards one) before it runs out.</summary>
    /// <summary>Someone picks the language of their screens; only the languages Obeya speaks.</summary>
    public static LanguageChosen ChooseLanguage(Account account, string? language, Actor by, Instant now) =>
        language is not null && Languages.All.Contains(language)
            ? new LanguageChosen(account.Id, language, by, now)
            : throw new DomainException("language", Phrase.Of("account.languageUnknown", string.Join(", ", Languages.All)));

    public static AccountUnlocked Unlock(Account account, Actor by, Instant now) =>
        account.IsLockedAt(now) || account.FailedSignIns > 0
            ? new AccountUnlocked(account.Id, by, now)
            : throw DomainException.Conflict("accountId", Phrase.Of("account.notLocked"));

    /// <summary>A beheerder removes an account of someone who left; not their own, so a beheerder always remains.</summary>
    public static AccountRemoved Remove(Account account, Guid removedBy, Actor by, Instant now)
    {
        if (account.Removed)
        {
            throw DomainException.Conflict("accountId", Phrase.Of("account.alreadyRemoved"));
        }

        return account.Id == removedBy
            ? throw DomainException.Conflict("accountId", Phrase.Of("account.cannotRemoveSelf"))
            : new AccountRemoved(account.Id, by, now);
    }

    /// <summary>
    /// Sets an account's global roles. A beheerder cannot take the role from themselves, so there is always one
    /// left who can give it back.
    /// </summary>
    public static AccountRolesChanged ChangeRoles(Account account, IReadOnlyList<GlobalRole>? roles, Guid changedBy, Actor by, Instant now)
    {
        var given = roles ?? throw new DomainException("roles", Phrase.Of("text.required"));
        if (given.Any(role => !Enum.IsDefined(role)))
        {
            throw new DomainException("roles", Phrase.Of("account.unknownRole"));
        }

        if (account.Id == changedBy && account.Has(GlobalRole.Administrator) && !given.Contains(GlobalRole.Administrator))
        {
            throw DomainException.Conflict("roles", Phrase.Of("account.cannotDropOwnAdministrator"));
        }

        return new AccountRolesChanged(account.Id, [.. given.Distinct().Order()], by, now);
    }

    public static readonly Phrase ExternalIdentityMissing = Phrase.Of("account.externalIdentityMissing");

    public static readonly Phrase ExternalEmailMissing = Phrase.Of("account.externalEmailMissing");

    public static readonly Phrase ExternalEmailNotVerified = Phrase.Of("account.externalEmailNotVerified");

    public static readonly Phrase ExternalEmailBoundElsewhere = Phrase.Of("account.externalEmailBoundElsewhere");

    /// <summary>
    /// A sign-in through the organisation's identity provider. The account bound to the provider's issuer and
    /// subject is the one, whatever e-mail the provider sends now. Without one, the e-mail finds or makes the
    /// account, and the account is bound to this subject; but only when the provider says it verified the address
    /// (or the operator trusts all its addresses), as teams, roles and the beheerder's own account hang on e-mail.
    /// An account already bound to another subject is never taken over.
    /// </summary>
    /// <param name="bound">The account bound to this issuer and subject, if any.</param>
    /// <param name="withEmail">The account with the provider's e-mail, if any.</param>
    /// <param name="trustEmailAddresses">The operator trusts every address the provider sends, verified or not.</param>
    /// <param name="newAccountId">The id of the account to make when there is none.</param>
    public static ExternalSignInOutcome SignInExternally(
        ExternalSignIn signIn, Account? bound, Account? withEmail, bool trustEmailAddresses, Guid newAccountId, Instant now)
    {
        if (string.IsNullOrWhiteSpace(signIn.Issuer) || string.IsNullOrWhiteSpace(signIn.Subject))
        {
            throw new DomainException("sub", ExternalIdentityMissing);
        }

        if (bound is not null)
        {
            if (bound.External != new ExternalIdentity(signIn.Issuer, signIn.Subject))
            {
                throw new ArgumentException("The bound account is bound to another identity.", nameof(bound));
            }

            return new(bound, [new SignInSucceeded(bound.Id, new Actor(bound.Id, bound.Name), now)]);
        }

        string email;
        try
        {
            email = NormalizeEmail("email", signIn.Email);
        }
        catch (DomainException)
        {
            throw new DomainException("email", ExternalEmailMissing);
        }

        if (!signIn.EmailVerified && !trustEmailAddresses)
        {
            throw DomainException.NotAllowed(ExternalEmailNotVerified);
        }

        if (withEmail is not null)
        {
            if (withEmail.Email != email)
            {
                throw new ArgumentException("The account found by e-mail has another e-mail.", nameof(withEmail));
            }

            if (withEmail.External is not null)
            {
                throw DomainException.Conflict("email", ExternalEmailBoundElsewhere);
            }

            return new(withEmail,
            [
                new ExternalIdentityBound(withEmail.Id, signIn.Issuer, signIn.Subject, new Actor(withEmail.Id, withEmail.Name), now),
                new SignInSucceeded(withEmail.Id, new Actor(withEmail.Id, withEmail.Name), now),
            ]);
        }

        string name;
        try
        {
            name = Text.Name("name", signIn.Name);
        }
        catch (DomainException)
        {
            // No name, or one Obeya refuses (too long, a BSN): not worth refusing the sign-in for.
            name = email;
        }

        var by = new Actor(newAccountId, name);
        var created = Create(new CreateAccount(newAccountId, name, email, PasswordHash: null, []), emailTaken: false, by, now);
        return new(null,
        [
            created,
            new ExternalIdentityBound(newAccountId, signIn.Issuer, signIn.Subject, by, now),
            new SignInSucceeded(newAccountId, by, now),
        ]);
    }

    public static PasswordChanged ChangePassword(Account account, bool currentPasswordMatches, string newPasswordHash, Actor by, Instant now)
    {
        if (account.PasswordHash is null)
        {
            throw DomainException.Conflict("currentPassword", Phrase.Of("account.noPasswordHere"));
        }

        if (!currentPasswordMatches)
        {
            throw new DomainException("currentPassword", Phrase.Of("account.currentPasswordWrong"));
        }

        if (string.IsNullOrWhiteSpace(newPasswordHash))
        {
            throw new DomainException("newPassword", Phrase.Of("text.required"));
        }

        return new PasswordChanged(account.Id, newPasswordHash, by, now);
    }

}
