using System.Text.Json;
using JasperFx.Events.Projections;
using Marten.Events.Aggregation;
using Obeya.Domain;

namespace Obeya.Web.Infrastructure;

/// <summary>Every domain event type, by name (to read pushed JSON back) and by the stream whose namespace it shares.</summary>
public static class EventTypes
{
    private static readonly Type[] All = [.. typeof(IFact).Assembly.GetTypes()
        .Where(t => typeof(IFact).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })];

    private static readonly Dictionary<string, Type> ByName = All.ToDictionary(t => t.Name);

    public static Type Named(string name) =>
        ByName.TryGetValue(name, out var type) ? type : throw new JsonException($"Unknown event type '{name}'.");

    /// <summary>The events of a stream: those declared beside its state, e.g. Obeya.Domain.Tracks for Track.</summary>
    public static IEnumerable<Type> Of<TState>() => All.Where(t => t.Namespace == typeof(TState).Namespace);
}

/// <summary>
/// An inline projection of one kind of stream, folded by the domain's own From and With. It declares its events,
/// so a write to a track does not also look up a team, a session and a wall screen with the track's id.
/// </summary>
public abstract class DomainProjection<TState> : SingleStreamProjection<TState, Guid>
    where TState : notnull
{
    protected DomainProjection()
    {
        foreach (var type in EventTypes.Of<TState>())
        {
            IncludeType(type);
        }
    }
}
