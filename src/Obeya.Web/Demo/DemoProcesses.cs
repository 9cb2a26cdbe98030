using Obeya.Domain.Processes;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Web.Infrastructure.Writes;

namespace Obeya.Web.Demo;

/// <summary>
/// The demo's process catalogue: twenty processes of a municipality owned by its four teams, three of them mapped
/// (the re-integration company's report back, with Team Werk's storyboard working on one of its steps; the application
/// for social assistance; the collection of taxes, now and as it should run). All through the domain's decisions.
/// </summary>
public static class DemoProcesses
{
    private const string By = "Beheerder";

    private static readonly (string Team, string Name, string Customer, string QuestionBehind)[] Catalogue =
    [
        ("Team Werk", "Terugmelding door het re-integratiebedrijf", "Klant in een re-integratietraject", "De klant wil weten of het traject hem verder helpt"),
        ("Team Werk", "Intake werkzoekende", "Inwoner zonder werk", "De inwoner wil aan het werk, niet een formulier invullen"),
        ("Team Werk", "Verwijzing naar een re-integratiebedrijf", "Klant met een afstand tot werk", "De klant wil een traject dat bij hem past"),
        ("Team Werk", "Loonkostensubsidie", "Werkgever", "De werkgever wil iemand in dienst nemen zonder risico"),
        ("Team Werk", "Jobcoaching", "Werknemer met een beperking", "De werknemer wil zijn baan houden"),
        ("Team Inkomen", "Aanvraag bijstand", "Inwoner zonder inkomen", "De inwoner wil de huur kunnen betalen"),
        ("Team Inkomen", "Bijzondere bijstand", "Inwoner met onverwachte kosten", "De inwoner wil een kapotte wasmachine vervangen"),
        ("Team Inkomen", "Terugvordering", "Inwoner die te veel kreeg", "De inwoner wil een regeling die hij kan volhouden"),
        ("Team Inkomen", "Heronderzoek bijstand", "Inwoner met bijstand", "De inwoner wil zekerheid over zijn uitkering"),
        ("Team Inkomen", "Individuele inkomenstoeslag", "Inwoner met een laag inkomen", "De inwoner wil zonder aanvraag krijgen waar hij recht op heeft"),
        ("Team Schulden", "Invordering", "Inwoner met een aanslag", "De inwoner wil geen aanmaning, maar weten wat hij moet betalen en wanneer"),
        ("Team Schulden", "Schuldhulpverlening", "Inwoner met schulden", "De inwoner wil weer rust"),
        ("Team Schulden", "Budgetbeheer", "Inwoner die zijn geld niet rond krijgt", "De inwoner wil zijn vaste lasten betaald hebben"),
        ("Team Schulden", "Vroegsignalering", "Inwoner met een betalingsachterstand", "De inwoner wil hulp voordat de deurwaarder komt"),
        ("Team Schulden", "Kwijtschelding gemeentelijke belastingen", "Inwoner met een laag inkomen", "De inwoner wil de aanslag kunnen betalen"),
        ("Team Wijkzorg", "Melding Wmo", "Inwoner die hulp thuis nodig heeft", "De inwoner wil zelfstandig blijven wonen"),
        ("Team Wijkzorg", "Huishoudelijke hulp", "Oudere inwoner", "De inwoner wil een schoon huis en iemand die langskomt"),
        ("Team Wijkzorg", "Woningaanpassing", "Inwoner met een beperking", "De inwoner wil de trap op kunnen"),
        ("Team Wijkzorg", "Jeugdhulp", "Ouders met een zorg over hun kind", "De ouders willen dat het thuis weer gaat"),
        ("Team Wijkzorg", "Mantelzorgwaardering", "Mantelzorger", "De mantelzorger wil gezien worden"),
    ];

    /// <summary>Adds the processes of the teams already in <paramref name="seeded"/>, their maps and one linked track.</summary>
    public static void Seed(List<NewStream> seeded, DemoStory story)
    {
        var teams = seeded.Where(s => s.Kind == typeof(Team)).Select(s => (TeamCreated)s.Events[0]).ToDictionary(t => t.Name, t => t.TeamId);
        var storyboard = seeded.Where(s => s.Kind == typeof(Track)).Select(s => (TrackStarted)s.Events[0])
            .First(t => t.Title == "Kwaliteit van het klantgesprek");
        var now = story.WeeksAgo(6, 11);
        foreach (var (team, name, customer, question) in Catalogue)
        {
            var added = ProcessDecisions.Add(new AddProcess(Guid.CreateVersion7(), name, teams[team], customer, question), By, now);
            var process = Process.From(added);
            var events = new List<object> { added };
            void Add(object e)
            {
                process = process.With(e);
                events.Add(e);
            }

            foreach (var (state, mapName, demand, steps) in MapsOf(name))
            {
                Add(ProcessDecisions.Draw(process, new DrawValueStreamMap(Guid.CreateVersion7(), state, mapName, demand, steps), isNew: true, "Emmy", now));
            }

            if (name == "Terugmelding door het re-integratiebedrijf")
            {
                var report = process.CurrentMap!.Steps.Single(s => s.Name == "Terugmelding verwerken");
                Add(ProcessDecisions.LinkTrack(process, storyboard.TrackId, report.Id, "Emmy", now));
            }

            seeded.Add(new NewStream(typeof(Process), process.Id, events));
        }
    }

    private static ValueStreamStep Step(string name, string who, int process, int waitHours, decimal right, ValueStreamStep? reworkTo = null) =>
        new(Guid.CreateVersion7(), name, who, process, waitHours * 60, right, reworkTo?.Id);

    private static IEnumerable<(MapState, string, int, IReadOnlyList<ValueStreamStep>)> MapsOf(string process)
    {
        switch (process)
        {
            case "Terugmelding door het re-integratiebedrijf":
                {
                    var plan = Step("Klantbeeld bespreken", "Klantmanager", 45, 0, 60);
                    yield return (MapState.Current, "Zo gaat het nu", 35,
                    [
                        plan,
                    Step("Verwijzing versturen", "Klantmanager", 15, 24, 90),
                    Step("Traject bij het re-integratiebedrijf", "Re-integratiebedrijf", 240, 240, 85),
                    Step("Terugmelding verwerken", "Klantmanager", 20, 168, 75, plan),
                ]);
                    break;
                }

            case "Aanvraag bijstand":
                {
                    var intake = Step("Aanvraag ontvangen", "KCC", 10, 0, 95);
                    yield return (MapState.Current, "Zo gaat het nu", 60,
                    [
                        intake,
                    Step("Bewijsstukken opvragen", "Consulent", 20, 48, 70, intake),
                    Step("Huisbezoek", "Handhaving", 60, 120, 90),
                    Step("Besluit", "Consulent", 30, 72, 95),
                    Step("Betaling", "Financiën", 5, 24, 99),
                ]);
                    break;
                }

            case "Invordering":
                {
                    var assessment = Step("Aanslag opleggen", "Belastingen", 5, 0, 97);
                    yield return (MapState.Current, "Zo gaat het nu", 900,
                    [
                        assessment,
                    Step("Aanmaning", "Invordering", 5, 720, 80),
                    Step("Dwangbevel", "Invordering", 15, 336, 90),
                    Step("Betalingsregeling", "Invordering", 30, 168, 85, assessment),
                ]);
                    yield return (MapState.Future, "Zo moet het gaan", 900,
                    [
                        Step("Aanslag met betaalplan", "Belastingen", 10, 0, 97),
                    Step("Herinnering per sms", "Invordering", 1, 336, 95),
                ]);
                    break;
                }
        }
    }
}
