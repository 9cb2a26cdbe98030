using System.Globalization;
using Microsoft.Extensions.Localization;
using Obeya.Domain.Programmes;
using Obeya.Web.Language;

namespace Obeya.Web.Programmes;

/// <summary>
/// The dependency map laid out for SVG: three columns (transition goals, tactical goals, tracks), each thing below
/// the one it serves; "needs" arrows between any two, highlighted when what is needed is blocked.
/// </summary>
public sealed record DependencyMap(int Width, int Height, IReadOnlyList<DependencyMap.Box> Nodes, IReadOnlyList<DependencyMap.Line> Hierarchy, IReadOnlyList<DependencyMap.Arrow> Needs)
{
    public const int NodeWidth = 260;
    public const int NodeHeight = 84;
    private const int LineLength = 30;
    private const int MaxLines = 3;
    private const int ColumnGap = 120;
    private const int RowGap = 20;

    public sealed record Box(Node Node, string Label, GoalStatus Status, string Href, int X, int Y);

    public sealed record Line(int X1, int Y1, int X2, int Y2);

    /// <summary>
    /// A "needs" arrow, and what the map's text view says of it: from what to what, whether what is needed is
    /// blocked, and why (the roll-up's reasons, or the reason of a status set by hand).
    /// </summary>
    public sealed record Arrow(string Path, bool Blocked, string Label, Box From, Box To, string? Note, IReadOnlyList<string> Why);

    public static DependencyMap Of(ObeyaView view, IStringLocalizer<ProgrammesText> T)
    {
        var programme = view.Programme;
        var boxes = new Dictionary<Node, Box>();
        var lines = new List<Line>();
        var row = 0;
        foreach (var goal in programme.TransitionGoals)
        {
            var goalBox = Add(boxes, new Node(NodeKind.Goal, goal.Id), goal.Result, view.Rollup.Goals[goal.Id].Shown, Href(programme, goal.Id), 0, row);
            var goalRow = row;
            foreach (var tactical in programme.TacticalGoals.Where(t => t.TransitionGoalId == goal.Id))
            {
                var tacticalRow = row;
                var tacticalBox = Add(boxes, new Node(NodeKind.Goal, tactical.Id), tactical.Result, view.Rollup.Goals[tactical.Id].Shown, Href(programme, goal.Id), 1, tacticalRow);
                lines.Add(Connect(goalBox, tacticalBox));
                foreach (var trackId in tactical.TrackIds)
                {
                    var title = view.Rollup.Summaries.GetValueOrDefault(trackId)?.Title ?? T["(onbekend traject)"];
                    lines.Add(Connect(tacticalBox, Add(boxes, new Node(NodeKind.Track, trackId), title, view.Rollup.Tracks[trackId].Shown, $"/tracks/{trackId}", 2, row++)));
                }

                row = Math.Max(row, tacticalRow + 1);
            }

            row = Math.Max(row, goalRow + 1);
        }

        var arrows = programme.Dependencies
            .Where(d => boxes.ContainsKey(d.From) && boxes.ContainsKey(d.To))
            .Select(d =>
            {
                var needed = view.Rollup.Of(d.To);
                var blocked = needed.Shown == GoalStatus.Blocked;
                var (from, to) = (boxes[d.From], boxes[d.To]);
                IReadOnlyList<string> why = !blocked ? []
                    : needed.Override is { } set && !needed.OverrideLapsed ? [T["status bijgesteld: {0}", set.Reason]]
                    : [.. needed.Why.Select(why => why.Worded())];
                string label = d.Note is null ? T["'{0}' heeft '{1}' nodig", from.Label, to.Label] : T["'{0}' heeft '{1}' nodig: {2}", from.Label, to.Label, d.Note];
                return new Arrow(Curve(from, to), blocked, blocked ? T["{0} (geblokkeerd)", label] : label, from, to, d.Note, why);
            })
            .ToList();
        return new DependencyMap(3 * NodeWidth + 2 * ColumnGap + 40, Math.Max(1, row) * (NodeHeight + RowGap) + 40, [.. boxes.Values], lines, arrows);
    }

    /// <summary>
    /// The label wrapped on words into the box's lines, so the box shows the whole label (its visible text is then part
    /// of the link's name); only a label longer than the box holds ends in "…".
    /// </summary>
    public static IReadOnlyList<string> Lines(string label)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in label.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.Length > 0 && current.Length + 1 + word.Length > LineLength)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = current.Length == 0 ? word : $"{current} {word}";
            }
        }

        if (current.Length > 0)
        {
            lines.Add(current);
        }

        if (lines.Count > MaxLines)
        {
            lines = [.. lines.Take(MaxLines)];
            lines[^1] = (lines[^1].Length >= LineLength ? lines[^1][..(LineLength - 1)] : lines[^1]) + "…";
        }

        return [.. lines.Select(l => l.Length > LineLength ? l[..(LineLength - 1)] + "…" : l)];
    }

    private static string Href(Programme programme, Guid transitionGoalId) => $"/obeya/{programme.Id}/transitiedoelen/{transitionGoalId}";

    private static Box Add(Dictionary<Node, Box> boxes, Node node, string label, GoalStatus status, string href, int column, int row) =>
        boxes[node] = Place(node, label, status, href, column, row);

    private static Box Place(Node node, string label, GoalStatus status, string href, int column, int row) =>
        new(node, label, status, href, 20 + column * (NodeWidth + ColumnGap), 20 + row * (NodeHeight + RowGap));

    private static Line Connect(Box parent, Box child) =>
        new(parent.X + NodeWidth, parent.Y + NodeHeight / 2, child.X, child.Y + NodeHeight / 2);

    /// <summary>A curve beside the columns, so an arrow between boxes of one column stays visible.</summary>
    private static string Curve(Box from, Box to)
    {
        var (x1, y1) = (from.X + NodeWidth / 2, from.Y + NodeHeight);
        var (x2, y2) = (to.X + NodeWidth / 2, to.Y);
        var bend = from.X == to.X ? NodeWidth / 2 + 40 : 0;
        string N(int v) => v.ToString(CultureInfo.InvariantCulture);
        return $"M {N(x1)} {N(y1)} C {N(x1 + bend)} {N(y1 + 40)}, {N(x2 + bend)} {N(y2 - 40)}, {N(x2)} {N(y2)}";
    }
}
