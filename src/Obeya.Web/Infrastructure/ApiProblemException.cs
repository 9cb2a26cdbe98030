namespace Obeya.Web.Infrastructure;

/// <summary>An HTTP-level refusal (a missing precondition, a stale version) that ProblemResponses writes as is.</summary>
public sealed class ApiProblemException(int status, string field, string title, string detail, IReadOnlyDictionary<string, object?>? extensions = null)
    : Exception(detail)
{
    public int Status { get; } = status;
    public string Field { get; } = field;
    public string Title { get; } = title;
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();
}
