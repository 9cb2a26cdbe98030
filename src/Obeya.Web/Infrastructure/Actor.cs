using Obeya.Domain;

namespace Obeya.Web.Infrastructure;

/// <summary>
/// Who acts. Temporary until accounts exist (issue 5): the API client names itself in a header.
/// </summary>
public static class Actor
{
    public const string Header = "X-Obeya-Actor";

    public static string Of(HttpContext context)
    {
        var name = context.Request.Headers[Header].ToString();
        return Text.Name(Header, string.IsNullOrWhiteSpace(name) ? null : name);
    }
}
