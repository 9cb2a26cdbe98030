using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Marten;
using NodaTime;
using NodaTime.Text;
using Npgsql;
using Obeya.Testing;
using Obeya.Web.Tests.Accounts;

namespace Obeya.Web.Tests.Compatibility;

/// <summary>
/// Obeya of today on the store the last release (ff9e02e) left behind: the rows of its event store and documents, dumped
/// with psql from that release run on its own embedded PostgreSQL, after its demo was seeded and then driven through its
/// API until every kind of event it knows was stored (see Release-ff9e02e/README.md). Today's schema comes first, as
/// Marten makes it at start; the old rows go in after, before any request.
/// </summary>
public partial class LastReleaseApp : ObeyaApp
{
    /// <summary>The morning after the release's data was made (its last event: 1 December 2026, 10:55 UTC).</summary>
    public static readonly Instant NextMorning = Instant.FromUtc(2026, 12, 2, 8, 0);

    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Compatibility", "Release-ff9e02e");

    private readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> signedIn = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Clock.Reset(NextMorning);
        _ = Services;
        await LoadAsync();
    }

    /// <summary>A browser signed in through the login form as one of the release's accounts, with the password it had there.</summary>
    public Task<HttpClient> SignedIn(string email, string password) =>
        signedIn.GetOrAdd(email, _ => new Lazy<Task<HttpClient>>(async () =>
        {
            var browser = this.Browser();
            var answer = await browser.SignIn(email, password);
            answer.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{email} signs in with the password the last release stored");
            return browser;
        })).Value;

    /// <summary>The streams first (events name their stream), then the events, then every document table dumped.</summary>
    private async Task LoadAsync()
    {
        var schema = Store.Options.Events.DatabaseSchemaName;
        string[] tables = ["mt_streams", "mt_events", .. Directory.GetFiles(Folder, "mt_doc_*.csv").Select(Path.GetFileNameWithoutExtension).Order()!];
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var table in tables)
        {
            var rows = await File.ReadAllTextAsync(Path.Combine(Folder, table + ".csv"));
            var columns = rows[..rows.IndexOf('\n')].Trim();
            if (!ColumnList().IsMatch(columns))
            {
                throw new InvalidDataException($"{table}.csv does not start with a header of column names: {columns}");
            }

            await using var import = await connection.BeginTextImportAsync($"COPY {schema}.{table} ({columns}) FROM STDIN (FORMAT csv, HEADER true)");
            await import.WriteAsync(rows);
        }

        // New events must not take the numbers the old ones hold.
        await using (var sequence = new NpgsqlCommand($"select setval('{schema}.mt_events_sequence', (select max(seq_id) from {schema}.mt_events))", connection, transaction))
        {
            await sequence.ExecuteScalarAsync();
        }

        await transaction.CommitAsync();
    }

    [GeneratedRegex("^[a-z_]+(,[a-z_]+)*$")]
    private static partial Regex ColumnList();
}

/// <summary>What the fixture holds, as the last release stored it: ids, names, versions and passwords (all public demo data).</summary>
public static class LastRelease
{
    public static readonly Guid TeamWerk = Guid.Parse("01a2313d-4f60-7c10-918b-c7422561cf2c");

    /// <summary>Team Werk's storyboard: the demo's 22 events, then every kind of change a track knows (48 in all).</summary>
    public static readonly Guid Storyboard = Guid.Parse("01a2313d-4f9b-73b0-b1ab-56a0ee81af16");

    /// <summary>Its obstacle escalated and resolved in the room; the release stored its board with "version": 0 after that.</summary>
    public static readonly Guid Werkfit = Guid.Parse("01a2313d-502a-7d21-9c8c-a1d199e0263f");

    /// <summary>A track started through the release's API and linked to a tactical goal made there.</summary>
    public static readonly Guid Intake = Guid.Parse("01a2313e-26ee-75da-9602-5c708406d22b");

    /// <summary>Team Werk's "Leren van elke uitstroom", of the demo (6 events), serving the tactical goal "Leren van elke casus".</summary>
    public static readonly Guid Learning = Guid.Parse("01a2313d-502b-79df-a8f1-20d1b2f18afa");

    public static readonly Guid LearningGoal = Guid.Parse("01a2313d-503a-7ec8-bc88-129ed86cd30e");

    public static readonly Guid Programme = Guid.Parse("01a2313d-502c-7357-84db-4f32657eb3c5");

    public static readonly Guid KeptWallScreen = Guid.Parse("01a2313e-2677-722c-b9d0-9eedd61d2fff");

    /// <summary>The account made in the release: programmadirecteur, password changed, then locked out until 11:10:50 UTC.</summary>
    public static readonly Guid Anouk = Guid.Parse("01a2313f-17bd-7f0a-b6ed-cea6dfcf7b0d");

    public static readonly Guid Standup = Guid.Parse("01a2313e-2492-76aa-af23-88dd87c14e19");

    /// <summary>When the demo was seeded: every one of its events carries this moment.</summary>
    public static readonly Instant DemoSeeded = InstantPattern.ExtendedIso.Parse("2026-12-01T10:53:51.3013524Z").Value;

    /// <summary>Every track the release stored, with its title and its number of events.</summary>
    public static readonly IReadOnlyDictionary<Guid, (string Title, long Events)> Tracks = new Dictionary<string, (string, long)>
    {
        ["01a2313d-4f9b-73b0-b1ab-56a0ee81af16"] = ("Kwaliteit van het klantgesprek", 48),
        ["01a2313d-502a-7d21-9c8c-a1d199e0263f"] = ("Werkfit in zes weken", 8),
        ["01a2313d-502b-7109-87a1-3ef1c7b6ac15"] = ("Bezwaren voorkomen", 6),
        ["01a2313d-502b-7708-bcdb-f4635175e34e"] = ("Eerste gesprek binnen twee weken", 7),
        ["01a2313d-502b-795f-b0e1-1cf9500188f2"] = ("Aanvraag in één gesprek", 6),
        ["01a2313d-502b-7975-8b45-9f580b1820ab"] = ("Vroegsignalering op tijd", 6),
        ["01a2313d-502b-79df-a8f1-20d1b2f18afa"] = ("Leren van elke uitstroom", 6),
        ["01a2313d-502b-7aa2-8581-d07d2cbbcdbd"] = ("Terugbellen binnen een dag", 6),
        ["01a2313d-502c-734f-85b1-bddc662a4078"] = ("Maatwerk zonder formulier", 6),
        ["01a2313d-502c-74fc-b878-af49dfb0b3c5"] = ("Intervisie elke maand", 6),
        ["01a2313d-502c-75dd-9072-fcdc65660a0d"] = ("Eén plan per huishouden", 6),
        ["01a2313d-502c-7996-890f-ac15931fb1b0"] = ("Klantbeleving meten", 6),
        ["01a2313e-26ee-75da-9602-5c708406d22b"] = ("Intake zonder wachttijd", 1),
    }.ToDictionary(t => Guid.Parse(t.Key), t => t.Value);

    /// <summary>The release's demo accounts with the passwords its README names, and the account made there (password changed).</summary>
    public static readonly (string Email, string Password)[] Accounts =
    [
        ("emmy@werk.example.nl", "Emmy-Werk-2026"),
        ("marieke@werk.example.nl", "Marieke-Coach-2026"),
        ("pieter@gemeente.example.nl", "Pieter-Obeya-2026"),
        ("beheer@gemeente.example.nl", "Beheer-Obeya-2026"),
        ("anouk@gemeente.example.nl", "Anouk-Nieuw-2026"),
    ];

    public static Task<HttpClient> Emmy(this LastReleaseApp app) => app.SignedIn("emmy@werk.example.nl", "Emmy-Werk-2026");

    public static Task<HttpClient> Beheerder(this LastReleaseApp app) => app.SignedIn("beheer@gemeente.example.nl", "Beheer-Obeya-2026");

    public static Task<HttpClient> Pieter(this LastReleaseApp app) => app.SignedIn("pieter@gemeente.example.nl", "Pieter-Obeya-2026");
}
