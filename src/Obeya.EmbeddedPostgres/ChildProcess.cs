using System.Diagnostics;

namespace Obeya.EmbeddedPostgres;

/// <summary>The outcome of a finished child process.</summary>
internal sealed record ChildProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Both output streams, for error messages.</summary>
    public string Output => string.Join(Environment.NewLine,
        new[] { StandardOutput.Trim(), StandardError.Trim() }.Where(text => text.Length > 0));
}

/// <summary>Runs a command with an argument list (no shell), captured output and a time-out.</summary>
internal static class ChildProcess
{
    // A grandchild that inherited our pipes would keep them open after the child exits; don't wait for it.
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(5);

    public static async Task<ChildProcessResult> RunAsync(
        string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The server user may not be able to enter our current directory (e.g. /root).
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Inherited PG* variables (PGDATA, PGPORT, ...) must not change what the tools do; English output.
        foreach (var name in startInfo.Environment.Keys.Where(key => key.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        startInfo.Environment["LC_ALL"] = "C";

        var commandLine = string.Join(' ', arguments.Prepend(fileName));
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new EmbeddedPostgresException($"Could not run '{commandLine}': {e.Message}", e);
        }

        // Nothing to read: a tool that prompts gets end-of-file instead of hanging.
        process.StandardInput.Close();
        var standardOutput = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var standardError = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            ct.ThrowIfCancellationRequested();
            throw new EmbeddedPostgresException(
                $"'{commandLine}' did not finish within {timeout.TotalSeconds:0} seconds and was stopped.");
        }

        return new ChildProcessResult(
            commandLine,
            process.ExitCode,
            await ReadAsync(standardOutput).ConfigureAwait(false),
            await ReadAsync(standardError).ConfigureAwait(false));
    }

    private static async Task<string> ReadAsync(Task<string> output)
    {
        try
        {
            return await output.WaitAsync(OutputGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return "";
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited in the meantime.
        }
    }
}
