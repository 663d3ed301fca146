using System.Globalization;
using System.Text.RegularExpressions;

namespace A64Jit.Perf.GuestRunner;

/// <summary>What the runner reads from a guest's output: its checksum line and a64jit's --stats line.</summary>
public static partial class GuestOutput
{
    /// <summary>The `checksum=...` value a benchmark prints, or null when there is none.</summary>
    public static string? Checksum(string stdout) =>
        ChecksumPattern().Match(stdout) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>
    /// Whether two runs agree: both printed a checksum and their whole stdout is the same (the line
    /// also names the benchmark and size). Returns null when they agree, else why not.
    /// </summary>
    public static string? Disagreement(string expectedStdout, string actualStdout)
    {
        var expected = Checksum(expectedStdout);
        var actual = Checksum(actualStdout);
        if (expected is null)
            return "reference printed no checksum";
        if (actual is null)
            return "no checksum";
        if (expected != actual)
            return $"checksum {actual} != {expected}";
        return Normalize(expectedStdout) == Normalize(actualStdout) ? null : "output differs";
    }

    static string Normalize(string s) => s.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();

    /// <summary>MIPS from "a64jit: N guest instructions in T s: M MIPS (engine)", or null.</summary>
    public static double? Mips(string stderr) =>
        StatsPattern().Match(stderr) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    /// <summary>a64jit's own last complaint other than a warning (e.g. "guest killed by SIGILL at pc ..."), for the notes under the table.</summary>
    public static string? LastA64JitMessage(string stderr) =>
        stderr.Split('\n').Select(l => l.Trim())
            .LastOrDefault(l => l.StartsWith("a64jit:", StringComparison.Ordinal)
                                && !l.StartsWith("a64jit: warning:", StringComparison.Ordinal) && !StatsPattern().IsMatch(l));

    /// <summary>A short reason for a failed run: "SIGILL" for 128+4, "exit 3", "timeout".</summary>
    public static string Failure(int exitCode, bool timedOut) =>
        timedOut ? "timeout"
        : exitCode > 128 && exitCode < 128 + 65 ? SignalName(exitCode - 128)
        : $"exit {exitCode}";

    static string SignalName(int signal) => signal switch
    {
        4 => "SIGILL",
        5 => "SIGTRAP",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        _ => $"signal {signal}",
    };

    [GeneratedRegex(@"checksum=([0-9a-fA-F]+)")]
    private static partial Regex ChecksumPattern();

    [GeneratedRegex(@"guest instructions in [0-9.]+ s: ([0-9.]+) MIPS")]
    private static partial Regex StatsPattern();
}
