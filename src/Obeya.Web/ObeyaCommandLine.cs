namespace Obeya.Web;

/// <summary>Turns Obeya's own switches into configuration keys, so the rest reads only configuration.</summary>
public static class ObeyaCommandLine
{
    public static string[] Normalize(string[] args) =>
        [.. args.Select(arg => arg switch
        {
            "--no-demo" => "--Obeya:Demo=false",
            _ => arg,
        })];
}
