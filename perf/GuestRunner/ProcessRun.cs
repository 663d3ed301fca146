using System.Diagnostics;

namespace A64Jit.Perf.GuestRunner;

/// <summary>One finished child process: exit status, output, and wall time from start to exit.</summary>
public sealed record ProcessRun(int ExitCode, string Stdout, string Stderr, double Seconds, bool TimedOut)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>Runs a program with arguments (no shell), stdin closed, and waits at most timeoutSeconds.</summary>
    public static ProcessRun Start(string file, IEnumerable<string> args, double timeoutSeconds, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        bool exited = p.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds));
        if (!exited)
            p.Kill(entireProcessTree: true);
        p.WaitForExit();
        double seconds = clock.Elapsed.TotalSeconds;
        return new ProcessRun(exited ? p.ExitCode : -1, stdout.Result, stderr.Result, seconds, !exited);
    }

    /// <summary>The full path of a program found on PATH, or null.</summary>
    public static string? Which(string program)
    {
        if (program.Contains('/'))
            return File.Exists(program) ? Path.GetFullPath(program) : null;
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
    }
}
