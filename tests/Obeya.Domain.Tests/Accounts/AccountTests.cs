using NodaTime;
using Obeya.Domain.Accounts;

namespace Obeya.Domain.Tests.Accounts;

public class AccountTests
{
    /// <summary>Monday 23 November 2026, 09:00 in Amsterdam (UTC+1).</summary>
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 8, 0);

    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    private static Account Given(params object[] later)
    {
        var account = Account.From(new AccountCreated(Guid.NewGuid(), "Emmy", "emmy@werk.example.nl", "hash", [], "Emmy", Now));
        return later.Aggregate(account, (state, e) => state.With(e));
    }

    private static Account After(Account account, SignInOutcome outcome) => outcome.Events.Aggregate(account, (state, e) => state.With(e));

    private static Account FailedTimes(int times, Instant at)
    {
        var account = Given();
        for (var i = 0; i < times; i++)
        {
            account = After(account, AccountDecisions.SignIn(account, passwordMatches: false, at));
        }

        return account;
    }

    [Fact]
    public void an_account_is_created_with_its_email_in_lower_case_and_its_roles()
    {
        var created = AccountDecisions.Create(
            new CreateAccount(Guid.NewGuid(), "  Pieter de Vries ", " Pieter@Gemeente.Example.NL ", "hash", [GlobalRole.ProgrammeDirector, GlobalRole.ProgrammeDirector]),
            emailTaken: false, "Beheerder", Now);

        created.Name.Should().Be("Pieter de Vries");
        created.Email.Should().Be("pieter@gemeente.example.nl");
        created.Roles.Should().Equal(GlobalRole.ProgrammeDirector);
        Account.From(created).Has(GlobalRole.Administrator).Should().BeFalse();
    }

    [Theory]
    [InlineData("", "name", "text.required")]
    [InlineData("geen-adres", "email", "email.invalid")]
    [InlineData("a@b@c.nl", "email", "email.invalid")]
    [InlineData("@werk.nl", "email", "email.invalid")]
    public void a_bad_name_or_email_is_refused_naming_the_field(string nameOrEmail, string field, string message)
    {
        var command = field == "name"
            ? new CreateAccount(Guid.NewGuid(), nameOrEmail, "a@b.nl", "hash", [])
            : new CreateAccount(Guid.NewGuid(), "Emmy", nameOrEmail, "hash", []);

        var act = () => AccountDecisions.Create(command, emailTaken: false, "Beheerder", Now);

        act.Should().Throw<DomainException>().Where(e => e.Field == field && e.Message == message);
    }

    [Fact]
    public void a_second_account_with_the_same_email_is_a_conflict()
    {
        var act = () => AccountDecisions.Create(new CreateAccount(Guid.NewGuid(), "Emmy", "emmy@werk.example.nl", "hash", []), emailTaken: true, "Beheerder", Now);

        act.Should().Throw<DomainException>().Where(e => e.Refusal == Refusal.Conflict && e.Field == "email");
    }

    [Fact]
    public void a_right_password_signs_in_and_clears_earlier_failures()
    {
        var account = FailedTimes(3, Now);

        var outcome = AccountDecisions.SignIn(account, passwordMatches: true, Now);

        outcome.Succeeded.Should().BeTrue();
        outcome.Events.Should().ContainSingle().Which.Should().BeOfType<SignInSucceeded>();
        After(account, outcome).FailedSignIns.Should().Be(0);
    }

    [Fact]
    public void a_wrong_password_is_refused_with_the_message_that_does_not_say_which_part_was_wrong()
    {
        var outcome = AccountDecisions.SignIn(Given(), passwordMatches: false, Now);

        outcome.Succeeded.Should().BeFalse();
        outcome.Refusal!.Says.Should().Be(AccountDecisions.WrongCredentials);
        outcome.Events.Should().ContainSingle().Which.Should().BeOfType<SignInFailed>();
    }

    [Fact]
    public void the_fifth_wrong_password_in_a_row_locks_the_account_for_fifteen_minutes()
    {
        var account = FailedTimes(4, Now);

        var outcome = AccountDecisions.SignIn(account, passwordMatches: false, Now);

        outcome.Events.Should().HaveCount(2);
        outcome.Events[1].Should().BeOfType<AccountLockedOut>().Which.Until.Should().Be(Now + Duration.FromMinutes(15));
        // The lockout reads as any refusal: the login page tells nobody that this address has an account.
        outcome.Refusal!.Says.Should().Be(AccountDecisions.WrongCredentials);
        After(account, outcome).IsLockedAt(Now + Duration.FromMinutes(14)).Should().BeTrue();
    }

    [Fact]
    public void while_locked_even_the_right_password_is_refused_and_nothing_is_recorded()
    {
        var locked = FailedTimes(5, Now);

        var outcome = AccountDecisions.SignIn(locked, passwordMatches: true, Now + Duration.FromMinutes(10));

        outcome.Succeeded.Should().BeFalse();
        outcome.Events.Should().BeEmpty();
        outcome.Refusal!.Says.Should().Be(AccountDecisions.WrongCredentials);
    }

    [Fact]
    public void after_fifteen_minutes_the_right_password_signs_in_again()
    {
        var locked = FailedTimes(5, Now);

        var outcome = AccountDecisions.SignIn(locked, passwordMatches: true, Now + Duration.FromMinutes(15));

        outcome.Succeeded.Should().BeTrue();
        After(locked, outcome).LockedUntil.Should().BeNull();
    }

    [Fact]
    public void after_a_lockout_ends_five_new_failures_are_needed_to_lock_again()
    {
        var later = Now + Duration.FromMinutes(16);
        var account = FailedTimes(5, Now);
        for (var i = 0; i < 4; i++)
        {
            account = After(account, AccountDecisions.SignIn(account, passwordMatches: false, later));
        }

        account.IsLockedAt(later).Should().BeFalse();
        account.FailedSignIns.Should().Be(4);
    }

    [Fact]
    public void an_account_without_a_password_cannot_sign_in_with_one()
    {
        var external = Account.From(new AccountCreated(Guid.NewGuid(), "Emmy", "emmy@werk.example.nl", null, [], "oidc", Now));

        var outcome = AccountDecisions.SignIn(external, passwordMatches: true, Now);

        outcome.Succeeded.Should().BeFalse();
        outcome.Events.Should().BeEmpty();
    }

    [Fact]
    public void a_password_changes_only_with_the_current_one()
    {
        var account = Given();

        var refused = () => AccountDecisions.ChangePassword(account, currentPasswordMatches: false, "new", "Emmy", Now);
        refused.Should().Throw<DomainException>().Where(e => e.Field == "currentPassword" && e.Message == "account.currentPasswordWrong");

        var changed = AccountDecisions.ChangePassword(account, currentPasswordMatches: true, "new", "Emmy", Now);
        account.With(changed).PasswordHash.Should().Be("new");
    }

    [Fact]
    public void a_beheerder_gives_an_account_exactly_the_roles_named()
    {
        var account = Given();

        var changed = AccountDecisions.ChangeRoles(account, [GlobalRole.ProgrammeDirector, GlobalRole.Administrator, GlobalRole.ProgrammeDirector], Guid.NewGuid(), "Beheerder", Now);
        var after = account.With(changed);

        after.Roles.Should().Equal(GlobalRole.Administrator, GlobalRole.ProgrammeDirector);
        after.With(AccountDecisions.ChangeRoles(after, [], Guid.NewGuid(), "Beheerder", Now)).Roles.Should().BeEmpty();
        changed.By.Name.Should().Be("Beheerder");
    }

    [Fact]
    public void a_beheerder_cannot_take_the_role_from_themselves_nor_give_an_unknown_one()
    {
        var beheerder = Given(new AccountRolesChanged(Guid.Empty, [GlobalRole.Administrator], "Beheerder", Now));

        var own = () => AccountDecisions.ChangeRoles(beheerder, [GlobalRole.ProgrammeDirector], beheerder.Id, "Emmy", Now);
        var unknown = () => AccountDecisions.ChangeRoles(beheerder, [(GlobalRole)7], Guid.NewGuid(), "Beheerder", Now);
        var none = () => AccountDecisions.ChangeRoles(beheerder, null, Guid.NewGuid(), "Beheerder", Now);

        own.Should().Throw<DomainException>().Which.Refusal.Should().Be(Refusal.Conflict);
        unknown.Should().Throw<DomainException>().Which.Field.Should().Be("roles");
        none.Should().Throw<DomainException>().WithMessage("text.required");
    }
}
