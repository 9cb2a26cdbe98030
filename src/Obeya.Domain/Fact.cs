using NodaTime;

namespace Obeya.Domain;

/// <summary>Every event says who acted and when: what history and time travel read.</summary>
public interface IFact
{
    Actor By { get; }

    Instant At { get; }
}

/// <summary>
/// Who acted: the account, with its name at that moment for display. <see cref="AccountId"/> is null for what no
/// account did (the demo data, the command line) and for events stored before accounts were named by id; those show
/// the stored name. History shows an account's current name, so a renamed or removed colleague reads as they are now.
/// </summary>
public sealed record Actor(Guid? AccountId, string Name)
{
    /// <summary>A name without an account: the system's own actors, and events written before accounts had ids.</summary>
    public static implicit operator Actor(string name) => new(null, name);

    public override string ToString() => Name;
}
