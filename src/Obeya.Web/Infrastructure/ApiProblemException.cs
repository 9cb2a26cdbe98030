using Obeya.Domain;

namespace Obeya.Web.Infrastructure;

/// <summary>
/// An HTTP-level refusal (a missing precondition, a stale version) that ProblemResponses writes as is, its title and
/// detail worded in the caller's language.
/// </summary>
public sealed class ApiProblemException(int status, string field, Phrase title, Phrase detail, IReadOnlyDictionary<string, object?>? extensions = null)
    : Exception(detail.ToString())
{
    public int Status { get; } = status;
    public string Field { get; } = field;
    public Phrase Title { get; } = title;
    public Phrase Detail { get; } = detail;
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();
}
