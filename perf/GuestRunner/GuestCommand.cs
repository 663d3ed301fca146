namespace A64Jit.Perf.GuestRunner;

/// <summary>
/// `perf guests`: builds the benchmarks, checks that a64jit, qemu-aarch64 and native agree, times
/// them interleaved and prints the table. Exit status: 0 when every benchmark itself is sound (a64jit
/// failing one is a row in the table, not an error), 1 when a benchmark failed to build or native and
/// qemu disagree, 2 for a usage error or a missing tool.
/// </summary>
public static class GuestCommand
{
    public static int Run(string[] args)
    {
        try
        {
            var options = RunnerOptions.Parse(args);
            if (options.Help)
            {
                Console.Out.Write(RunnerOptions.Usage);
                return 0;
            }
            return Run(options);
        }
        catch (RunnerException e)
        {
            Console.Error.WriteLine($"guests: {e.Message}");
            return 2;
        }
    }

    static int Run(RunnerOptions options)
    {
        var root = FindRoot();
        var builder = new GuestBuilder(options.CacheDirectory ?? Path.Combine(root, "artifacts", "perf-guests"));
        var missing = builder.MissingTools().ToList();
        var qemu = ProcessRun.Which(QemuRunner.Program);
        if (qemu is null)
            missing.Add($"'{QemuRunner.Program}' not found: install qemu-user (Debian/Ubuntu) to compare against qemu");
        if (missing.Count > 0)
            throw new RunnerException(missing[0]);

        var all = GuestBenchmark.Discover(Path.Combine(root, "perf", "guests"));
        var unknown = options.Only.Except(all.Select(b => b.Name)).ToList();
        if (unknown.Count > 0)
            throw new RunnerException($"unknown benchmark '{unknown[0]}' (have: {string.Join(", ", all.Select(b => b.Name))})");
        var benchmarks = options.Only.Count == 0 ? all : all.Where(b => options.Only.Contains(b.Name)).ToList();

        var a64jit = A64JitTool.Locate(root, options.A64JitDll, Log);
        Runner[] runners = [new A64JitRunner(a64jit, options.Engine, options.Memory), new QemuRunner(qemu!), new NativeRunner()];

        var rows = new List<BenchmarkResult>();
        var notes = new List<string>();
        bool sound = true;
        foreach (var b in benchmarks)
        {
            var measured = Measure(b, runners, builder, options, notes);
            sound &= measured.Sound;
            rows.Add(measured.Result);
        }

        Console.Out.Write(ResultTable.Format(rows, $"{options.Engine}, --memory {options.Memory}"));
        Console.Out.WriteLine("a64jit/native: times slower than native (lower is better); qemu/a64jit: times faster than qemu (higher is better)");
        foreach (var n in notes)
            Console.Out.WriteLine(n);
        return sound ? 0 : 1;
    }

    /// <summary>One benchmark: build, one checking run per runner, then options.Runs timed rounds.</summary>
    static (BenchmarkResult Result, bool Sound) Measure(GuestBenchmark b, Runner[] runners, GuestBuilder builder, RunnerOptions options, List<string> notes)
    {
        long size = b.SizeFor(options.Quick);
        var binaries = new Dictionary<Target, string>();
        try
        {
            foreach (var t in Enum.GetValues<Target>())
                binaries[t] = builder.Build(b, t);
        }
        catch (BuildFailedException e)
        {
            notes.Add($"{b.Name}: {e.Message.TrimEnd()}");
            return (new BenchmarkResult(b.Name, size, null, null, null, Note: "build failed"), false);
        }

        Log($"{b.Name} (size {size}): checking ...");
        var reference = runners.OfType<NativeRunner>().Single().Run(binaries[Target.Native], size, options.TimeoutSeconds);
        if (!reference.Succeeded || GuestOutput.Checksum(reference.Stdout) is null)
        {
            notes.Add($"{b.Name}: native run failed ({GuestOutput.Failure(reference.ExitCode, reference.TimedOut)}): {reference.Stdout}{reference.Stderr}".TrimEnd());
            return (new BenchmarkResult(b.Name, size, null, null, null, Note: "native failed"), false);
        }

        // a runner that fails its checking run is left out of the timing, with the reason as the row's note
        var live = new List<Runner>();
        var failures = new List<string>();
        bool sound = true;
        foreach (var r in runners)
        {
            var check = r is NativeRunner ? reference : r.Run(binaries[r.Target], size, options.TimeoutSeconds);
            string? problem = check.Succeeded
                ? GuestOutput.Disagreement(reference.Stdout, check.Stdout)
                : GuestOutput.Failure(check.ExitCode, check.TimedOut);
            if (problem is null)
            {
                live.Add(r);
                continue;
            }
            failures.Add(r is A64JitRunner ? problem : $"{r.Name}: {problem}");
            sound &= r is A64JitRunner; // qemu disagreeing with native means the benchmark is wrong
            var detail = GuestOutput.LastA64JitMessage(check.Stderr) ?? check.Stderr.Trim().Split('\n').LastOrDefault() ?? "";
            notes.Add($"{b.Name}: {r.Name} {problem}{(detail.Length > 0 ? $": {detail}" : "")}");
        }

        var seconds = live.ToDictionary(r => r, _ => new List<double>());
        var mips = new List<double>();
        for (int round = 0; round < options.Runs; round++)
        {
            Log($"{b.Name} (size {size}): run {round + 1}/{options.Runs}");
            // rotate the order each round so no runner always goes first (warm caches, turbo)
            for (int k = 0; k < live.Count; k++)
            {
                var r = live[(k + round) % live.Count];
                var run = r.Run(binaries[r.Target], size, options.TimeoutSeconds);
                if (!run.Succeeded)
                {
                    notes.Add($"{b.Name}: {r.Name} failed in a timed run ({GuestOutput.Failure(run.ExitCode, run.TimedOut)})");
                    continue;
                }
                seconds[r].Add(run.Seconds);
                if (r is A64JitRunner && GuestOutput.Mips(run.Stderr) is { } m)
                    mips.Add(m);
            }
        }

        double? Median<T>() where T : Runner =>
            seconds.FirstOrDefault(kv => kv.Key is T).Value is { Count: > 0 } list ? Statistics.Median(list) : null;
        var result = new BenchmarkResult(b.Name, size, Median<A64JitRunner>(), Median<QemuRunner>(), Median<NativeRunner>(),
            mips.Count > 0 ? Statistics.Median(mips) : null, failures.Count > 0 ? string.Join("; ", failures) : null);
        return (result, sound);
    }

    static string FindRoot()
    {
        try
        {
            return A64JitTool.FindRepoRoot(AppContext.BaseDirectory);
        }
        catch (RunnerException)
        {
            return A64JitTool.FindRepoRoot(Directory.GetCurrentDirectory());
        }
    }

    static void Log(string message) => Console.Error.WriteLine($"guests: {message}");
}
