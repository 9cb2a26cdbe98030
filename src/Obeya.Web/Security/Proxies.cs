using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Obeya.Web.Security;

/// <summary>
/// Behind a reverse proxy that ends TLS (as every municipal installation runs Obeya), the request's scheme, host and
/// client address come from X-Forwarded-* headers, but only from the proxies the operator names
/// (<c>Obeya:Proxy:KnownProxies</c>, addresses, and <c>Obeya:Proxy:KnownNetworks</c>, CIDR ranges, comma-separated):
/// anyone else could send those headers too. Then the cookie is Secure, HSTS is sent, and the sign-in limit counts
/// per person's address instead of per proxy.
/// </summary>
public static class Proxies
{
    public static WebApplicationBuilder AddObeyaProxies(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Obeya:Proxy");
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // The defaults trust the loopback addresses; trust none but those configured.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var address in List(section["KnownProxies"]))
            {
                options.KnownProxies.Add(IPAddress.TryParse(address, out var ip)
                    ? ip
                    : throw new InvalidOperationException($"Obeya:Proxy:KnownProxies: '{address}' is geen IP-adres."));
            }

            foreach (var network in List(section["KnownNetworks"]))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var range)
                    ? range
                    : throw new InvalidOperationException($"Obeya:Proxy:KnownNetworks: '{network}' is geen netwerk als 10.0.0.0/8."));
            }

            // One proxy in front, as the README's nginx has it; a chain of them (a load balancer before nginx) says how many.
            options.ForwardLimit = section.GetValue("ForwardLimit", 1);
        });
        return builder;
    }

    /// <summary>Only with proxies configured: with none named, the middleware would trust every sender.</summary>
    public static WebApplication UseObeyaProxies(this WebApplication app)
    {
        var section = app.Configuration.GetSection("Obeya:Proxy");
        if (List(section["KnownProxies"]).Any() || List(section["KnownNetworks"]).Any())
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    private static IEnumerable<string> List(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
