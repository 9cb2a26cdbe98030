using NodaTime;

namespace Obeya.Domain;

/// <summary>Every event says who acted and when: what history and time travel read.</summary>
public interface IFact
{
    string By { get; }

    Instant At { get; }
}
