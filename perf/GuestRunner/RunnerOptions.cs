using System.Globalization;

namespace A64Jit.Perf.GuestRunner;

/// <summary>The options of `perf guests`.</summary>
public sealed record RunnerOptions
{
    public bool Quick { get; init; }
    public string Engine { get; init; } = "jit";
    public string Memory { get; init; } = A64Jit.Runtime.UserModeRunner.DefaultMemory;
    public int Runs { get; init; } = 5;
    public IReadOnlyList<string> Only { get; init; } = [];
    public string? A64JitDll { get; init; }
    public string? CacheDirectory { get; init; }
    public double TimeoutSeconds { get; init; } = 600;
    public bool Help { get; init; }

    public const string Usage = """
        usage: dotnet run --project perf -c Release -- guests [options]

        Builds perf/guests/*.c for AArch64 (static) and x86-64, checks that a64jit, qemu-aarch64 and
        the native binary print the same checksum, then times them, interleaved, and prints medians
        and ratios.

        options:
          --quick            the small sizes (for slow engines such as the interpreter)
          --engine <name>    a64jit engine: jit (default), interp or lockstep
          --memory <mode>    a64jit's guest memory checks: checked or guarded (see 'a64jit run --help')
          --runs <n>         timed runs of each runner per benchmark (default 5)
          --only <a,b,...>   only these benchmarks
          --a64jit <path>    measure this a64jit (a64jit.dll runs under dotnet; default: the published build, published if stale)
          --cache <dir>      where built benchmarks go (default artifacts/perf-guests)
          --timeout <s>      per-run limit in seconds (default 600)
        """;

    public static RunnerOptions Parse(IReadOnlyList<string> args)
    {
        var o = new RunnerOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new RunnerException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--quick" => o with { Quick = true },
                "--engine" => o with { Engine = Value() },
                "--memory" => o with { Memory = Value() },
                "--runs" => o with { Runs = int.TryParse(Value(), out var n) && n > 0 ? n : throw new RunnerException("--runs needs a positive number") },
                "--only" => o with { Only = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--a64jit" => o with { A64JitDll = Value() },
                "--cache" => o with { CacheDirectory = Value() },
                "--timeout" => o with
                {
                    TimeoutSeconds = double.TryParse(Value(), CultureInfo.InvariantCulture, out var t) && t > 0 ? t : throw new RunnerException("--timeout needs a positive number of seconds"),
                },
                "-h" or "--help" => o with { Help = true },
                var other => throw new RunnerException($"unknown option '{other}' (see 'guests --help')"),
            };
        }
        return o;
    }
}
