namespace A64Jit.Tests.Support;

/// <summary>Paths in the repository and to the built a64jit tool.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    static string FindRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Jit.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Jit.sln)");
    }

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>The a64jit.dll built beside the tests (the test project references the CLI).</summary>
    public static string A64JitDll { get; } = System.IO.Path.Combine(TestContext.CurrentContext.TestDirectory, "a64jit.dll");

    /// <summary>Runs `a64jit args...` through the dotnet host; returns exit status and output.</summary>
    public static (int Exit, string Stdout, string Stderr) A64Jit(IEnumerable<string> args, IDictionary<string, string>? env = null, string? stdin = null, int timeoutMs = 300_000) =>
        CrossTools.Run("dotnet", [A64JitDll, .. args], stdin, timeoutMs, env);
}
