namespace A64Jit.Perf.GuestRunner;

/// <summary>
/// Finds the a64jit.dll to measure: an explicit path, else the published (ReadyToRun) Release build in
/// artifacts/a64jit, published again with `dotnet publish src/Cli -c Release -o artifacts/a64jit` when it
/// is missing or older than any source under src/. That is the build a user runs, so start-up counts as
/// it would for them.
/// </summary>
public static class A64JitTool
{
    public static string ReleaseDll(string repoRoot) => Path.Combine(repoRoot, "artifacts", "a64jit", "a64jit.dll");

    public static string Locate(string repoRoot, string? explicitPath, Action<string> log)
    {
        if (explicitPath is not null)
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : throw new RunnerException($"--a64jit {explicitPath}: no such file");
        var dll = ReleaseDll(repoRoot);
        if (File.Exists(dll) && !IsStale(repoRoot, File.GetLastWriteTimeUtc(dll)))
            return dll;
        log("publishing src/Cli in Release (ReadyToRun) to artifacts/a64jit ...");
        var build = ProcessRun.Start("dotnet", ["publish", Path.Combine(repoRoot, "src", "Cli"), "-c", "Release", "-o", Path.GetDirectoryName(dll)!,
            "-v", "q", "-nologo"], timeoutSeconds: 900);
        if (!build.Succeeded || !File.Exists(dll))
            throw new RunnerException($"publishing a64jit failed:\n{build.Stdout}{build.Stderr}");
        return dll;
    }

    static bool IsStale(string repoRoot, DateTime built) =>
        Directory.EnumerateFiles(Path.Combine(repoRoot, "src"), "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
            .Any(f => File.GetLastWriteTimeUtc(f) > built);

    /// <summary>The repository root: the nearest directory above start that holds Jit.sln.</summary>
    public static string FindRepoRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Jit.sln")))
                return dir.FullName;
        throw new RunnerException($"cannot find the repository root (Jit.sln) above {start}");
    }
}

/// <summary>An error the runner reports as one line and exit status 2.</summary>
public sealed class RunnerException(string message) : Exception(message);
