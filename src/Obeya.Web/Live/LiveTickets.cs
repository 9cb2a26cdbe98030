using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Obeya.Web.Accounts;

namespace Obeya.Web.Live;

/// <summary>
/// A screen's own connection to the hub runs on the server, without the browser's cookie: it carries a ticket
/// instead, a short-lived, signed and encrypted copy of who is signed in to the circuit, issued afresh for every
/// (re)connect. The hub then asks the same access rules as for anyone else.
/// </summary>
public sealed class LiveTickets(IDataProtectionProvider protection)
{
    public const string Scheme = "live-ticket";

    /// <summary>Only long enough to open the connection; a reconnect asks for a new one.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("Obeya.Live.Ticket").ToTimeLimitedDataProtector();

    /// <summary>Null for nobody signed in: such a connection can only open wall screens by their token.</summary>
    public string? Issue(System.Security.Claims.ClaimsPrincipal user) =>
        CurrentUser.Of(user) is { } current ? protector.Protect(JsonSerializer.Serialize(current), Lifetime) : null;

    public CurrentUser? Read(string ticket)
    {
        try
        {
            return JsonSerializer.Deserialize<CurrentUser>(protector.Unprotect(ticket));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>Authenticates a hub request by its ticket (SignalR sends it as access_token, or as a bearer token).</summary>
public sealed class LiveTicketHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, LiveTickets tickets)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public static string? TicketOf(HttpRequest request)
    {
        if (!request.Path.StartsWithSegments("/hubs"))
        {
            return null;
        }

        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : request.Query["access_token"].FirstOrDefault();
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (TicketOf(Request) is not { Length: > 0 } ticket)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(tickets.Read(ticket) is { } user
            ? AuthenticateResult.Success(new AuthenticationTicket(user.ToPrincipal(LiveTickets.Scheme), LiveTickets.Scheme))
            : AuthenticateResult.Fail("Het ticket voor de live-verbinding is ongeldig of verlopen."));
    }
}
