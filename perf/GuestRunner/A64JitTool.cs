namespace A64Jit.Perf.GuestRunner;

/// <summary>How to start a64jit: a program and the arguments that come before a64jit's own.</summary>
public sealed record A64JitCommand(string Program, IReadOnlyList<string> Prefix)
{
    public string[] With(params string[] args) => [.. Prefix, .. args];

    public override string ToString() => string.Join(' ', [Program, .. Prefix]);
}

/// <summary>
/// Finds the a64jit to measure: an explicit path (an a64jit.dll runs under `dotnet`, anything else
/// directly), else the build a user would run, published from src/ when it is missing or older than any
/// source: natively compiled (Native AOT, artifacts/a64jit-aot) where the toolchain allows, else
/// precompiled (ReadyToRun, artifacts/a64jit). Start-up therefore counts as it would for a user.
/// </summary>
public static class A64JitTool
{
    public static string NativeExecutable(string repoRoot) => Path.Combine(repoRoot, "artifacts", "a64jit-aot", "a64jit");

    public static string ReadyToRunDll(string repoRoot) => Path.Combine(repoRoot, "artifacts", "a64jit", "a64jit.dll");

    public static A64JitCommand Locate(string repoRoot, string? explicitPath, Action<string> log)
    {
        if (explicitPath is not null)
            return File.Exists(explicitPath) ? CommandFor(Path.GetFullPath(explicitPath)) : throw new RunnerException($"--a64jit {explicitPath}: no such file");
        foreach (var (path, kind, extra) in new[]
        {
            (NativeExecutable(repoRoot), "Native AOT", new[] { "-r", "linux-x64", "-p:PublishAot=true", "-p:SelfContained=true", "-p:PublishReadyToRun=false" }),
            (ReadyToRunDll(repoRoot), "ReadyToRun", Array.Empty<string>()),
        })
        {
            if (File.Exists(path) && !IsStale(repoRoot, File.GetLastWriteTimeUtc(path)))
                return CommandFor(path);
            log($"publishing src/Cli in Release ({kind}) to {Path.GetRelativePath(repoRoot, Path.GetDirectoryName(path)!)} ...");
            var publish = ProcessRun.Start("dotnet", ["publish", Path.Combine(repoRoot, "src", "Cli"), "-c", "Release", "-o", Path.GetDirectoryName(path)!,
                .. extra, "-v", "q", "-nologo"], timeoutSeconds: 900);
            if (publish.Succeeded && File.Exists(path))
                return CommandFor(path);
            log($"publishing ({kind}) failed:\n{publish.Stdout}{publish.Stderr}");
        }
        throw new RunnerException("publishing a64jit failed");
    }

    static A64JitCommand CommandFor(string path) =>
        path.EndsWith(".dll", StringComparison.Ordinal) ? new(ProcessRun.Which("dotnet") ?? "dotnet", [path]) : new(path, []);

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
