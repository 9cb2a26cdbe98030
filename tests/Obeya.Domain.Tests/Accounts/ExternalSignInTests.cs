using NodaTime;
using Obeya.Domain.Accounts;

namespace Obeya.Domain.Tests.Accounts;

/// <summary>Signing in through the organisation's identity provider: who is who goes by issuer and subject, not by e-mail.</summary>
public class ExternalSignInTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 8, 0);

    private const string Issuer = "https://login.gemeente.example.nl/realms/obeya";

    private static readonly Account Beheerder = Account.From(
        new AccountCreated(Guid.NewGuid(), "Anna de Beheerder", "beheer@gemeente.example.nl", "hash", [GlobalRole.Administrator], "setup", Now));

    private static ExternalSignIn Person(string subject, string? email = "beheer@gemeente.example.nl", bool verified = true, string? name = "Anna") =>
        new(Issuer, subject, email, verified, name);

    private static ExternalSignInOutcome When(ExternalSignIn signIn, Account? bound = null, Account? withEmail = null, bool trust = false) =>
        AccountDecisions.SignInExternally(signIn, bound, withEmail, trust, Guid.NewGuid(), Now);

    [Fact]
    public void a_verified_email_of_an_unbound_account_binds_it_to_the_subject_and_signs_in()
    {
        var outcome = When(Person("anna-1"), withEmail: Beheerder);

        outcome.Existing.Should().Be(Beheerder);
        outcome.Events.Should().HaveCount(2);
        outcome.Events[0].Should().Be(new ExternalIdentityBound(Beheerder.Id, Issuer, "anna-1", new Actor(Beheerder.Id, "Anna de Beheerder"), Now));
        outcome.Events[1].Should().BeOfType<SignInSucceeded>();
        outcome.Account.External.Should().Be(new ExternalIdentity(Issuer, "anna-1"));
        outcome.Account.Has(GlobalRole.Administrator).Should().BeTrue();
    }

    [Fact]
    public void the_bound_account_signs_in_whatever_email_the_provider_now_sends()
    {
        var bound = When(Person("anna-1"), withEmail: Beheerder).Account;

        var outcome = When(Person("anna-1", email: null, verified: false), bound: bound);

        outcome.Events.Should().ContainSingle().Which.Should().Be(new SignInSucceeded(bound.Id, new Actor(bound.Id, bound.Name), Now));
        outcome.Account.Id.Should().Be(Beheerder.Id);
    }

    [Fact]
    public void an_unverified_email_is_refused_and_binds_nothing()
    {
        var act = () => When(Person("indringer", verified: false), withEmail: Beheerder);

        act.Should().Throw<DomainException>()
            .Where(e => e.Refusal == Refusal.NotAllowed && e.Says == AccountDecisions.ExternalEmailNotVerified);
    }

    [Fact]
    public void an_unverified_email_makes_no_new_account_either_as_team_membership_follows_the_email()
    {
        var act = () => When(Person("nieuw", email: "emmy@werk.example.nl", verified: false));

        act.Should().Throw<DomainException>().WithMessage(AccountDecisions.ExternalEmailNotVerified.Key);
    }

    [Fact]
    public void when_the_operator_trusts_the_providers_addresses_an_unverified_email_binds()
    {
        var outcome = When(Person("anna-1", verified: false), withEmail: Beheerder, trust: true);

        outcome.Account.External.Should().Be(new ExternalIdentity(Issuer, "anna-1"));
    }

    [Fact]
    public void a_second_subject_with_the_same_verified_email_cannot_take_over_a_bound_account()
    {
        var bound = When(Person("anna-1"), withEmail: Beheerder).Account;

        var act = () => When(Person("anna-2"), withEmail: bound);
        var trusted = () => When(Person("anna-2"), withEmail: bound, trust: true);

        act.Should().Throw<DomainException>()
            .Where(e => e.Refusal == Refusal.Conflict && e.Says == AccountDecisions.ExternalEmailBoundElsewhere);
        trusted.Should().Throw<DomainException>().Which.Refusal.Should().Be(Refusal.Conflict);
    }

    [Fact]
    public void the_same_subject_at_another_issuer_is_another_person()
    {
        var bound = When(Person("anna-1"), withEmail: Beheerder).Account;

        var act = () => When(Person("anna-1") with { Issuer = "https://elders.example.nl" }, withEmail: bound);

        act.Should().Throw<DomainException>().Which.Refusal.Should().Be(Refusal.Conflict);
    }

    [Fact]
    public void a_new_verified_person_gets_an_account_without_password_bound_to_the_subject()
    {
        var outcome = When(Person("nieuw", email: " Nieuw.Lid@Werk.Example.NL ", name: " Nieuw Lid "));

        outcome.Existing.Should().BeNull();
        outcome.Events.Select(e => e.GetType()).Should().Equal(typeof(AccountCreated), typeof(ExternalIdentityBound), typeof(SignInSucceeded));
        var account = outcome.Account;
        account.Email.Should().Be("nieuw.lid@werk.example.nl");
        account.Name.Should().Be("Nieuw Lid");
        account.PasswordHash.Should().BeNull();
        account.Roles.Should().BeEmpty();
        account.External.Should().Be(new ExternalIdentity(Issuer, "nieuw"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    [InlineData("Lid 111222333")]
    public void a_new_person_without_a_usable_name_is_named_by_their_email(string? name)
    {
        var outcome = When(Person("nieuw", email: "lid@werk.example.nl", name: name));

        outcome.Account.Name.Should().Be("lid@werk.example.nl");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("anna")]
    public void without_an_email_an_unbound_person_is_refused(string? email)
    {
        var act = () => When(Person("nieuw", email: email));

        act.Should().Throw<DomainException>().Where(e => e.Field == "email" && e.Says == AccountDecisions.ExternalEmailMissing);
    }

    [Theory]
    [InlineData(null, "anna-1")]
    [InlineData(Issuer, "")]
    public void without_issuer_and_subject_nobody_signs_in(string? issuer, string? subject)
    {
        var act = () => When(new ExternalSignIn(issuer, subject, "beheer@gemeente.example.nl", true, "Anna"), withEmail: Beheerder);

        act.Should().Throw<DomainException>().WithMessage(AccountDecisions.ExternalIdentityMissing.Key);
    }
}
