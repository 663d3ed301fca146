using System.Security.Cryptography;
using System.Text;

namespace A64Jit.Perf.GuestRunner;

/// <summary>The two targets every benchmark is built for.</summary>
public enum Target
{
    AArch64,
    Native,
}

/// <summary>
/// Builds benchmarks into a cache directory: AArch64 with the cross gcc (-O2 -static, as
/// tests/guests/build.sh does) and x86-64 with the native gcc (-O2 -static, so both start alike).
/// A binary is named after a hash of compiler, flags, the source and bench.h, so a change to any
/// of them rebuilds it and nothing else does.
/// </summary>
public sealed class GuestBuilder(string cacheDirectory, string crossCompiler = GuestBuilder.CrossGcc, string nativeCompiler = GuestBuilder.NativeGcc)
{
    public const string CrossGcc = "aarch64-linux-gnu-gcc";
    public const string NativeGcc = "gcc";

    public string CacheDirectory { get; } = cacheDirectory;

    /// <summary>A one-line error for each missing compiler (empty when both are there).</summary>
    public IEnumerable<string> MissingTools()
    {
        if (ProcessRun.Which(crossCompiler) is null)
            yield return $"'{crossCompiler}' not found: install gcc-aarch64-linux-gnu (Debian/Ubuntu) or put an AArch64 Linux gcc on PATH";
        if (ProcessRun.Which(nativeCompiler) is null)
            yield return $"'{nativeCompiler}' not found: install gcc (and the static glibc, libc6-dev)";
    }

    public IReadOnlyList<string> Flags(GuestBenchmark b, Target target) =>
        ["-O2", "-static", .. b.CFlags, .. target == Target.AArch64 ? b.CFlagsAArch64 : b.CFlagsNative];

    /// <summary>Builds (or finds in the cache) one benchmark for one target; returns the binary's path.</summary>
    public string Build(GuestBenchmark b, Target target)
    {
        var compiler = target == Target.AArch64 ? crossCompiler : nativeCompiler;
        var flags = Flags(b, target);
        var sourceDir = Path.GetDirectoryName(Path.GetFullPath(b.SourcePath))!;
        var header = Path.Combine(sourceDir, "bench.h");
        var key = new StringBuilder()
            .Append(compiler).Append('\0').AppendJoin(' ', flags).Append('\0')
            .Append(File.ReadAllText(b.SourcePath)).Append('\0')
            .Append(File.Exists(header) ? File.ReadAllText(header) : "");
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())))[..16].ToLowerInvariant();
        var suffix = target == Target.AArch64 ? "aarch64" : "x86_64";
        var binary = Path.Combine(CacheDirectory, $"{b.Name}.{suffix}.{hash}");
        if (File.Exists(binary))
            return binary;

        Directory.CreateDirectory(CacheDirectory);
        var temp = $"{binary}.{Environment.ProcessId}.tmp";
        var run = ProcessRun.Start(compiler, [.. flags, "-o", temp, b.SourcePath, "-lm"], timeoutSeconds: 300);
        if (!run.Succeeded)
        {
            File.Delete(temp);
            throw new BuildFailedException($"{compiler} failed to build {b.Name} for {suffix}:\n{run.Stderr}{run.Stdout}");
        }
        File.Move(temp, binary, overwrite: true);
        return binary;
    }
}

public sealed class BuildFailedException(string message) : Exception(message);
