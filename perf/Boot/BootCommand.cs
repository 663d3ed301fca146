using A64Jit.Perf.GuestRunner;

namespace A64Jit.Perf.Boot;

/// <summary>
/// `boot`: times a Linux boot (Debian's arm64 kernel with a busybox initramfs, to the marker line its /init
/// prints, then power-off) under a64jit and under qemu-system-aarch64 with the same CPU features, side by
/// side in one run, and prints the medians and the ratio.
/// </summary>
public static class BootCommand
{
    const string Marker = "a64jit-linux-boot-ok";
    const string Append = "console=ttyAMA0 panic=-1 rdinit=/init";

    public static int Run(string[] args)
    {
        int runs = 3;
        string? kernel = null, initrd = null;
        var engines = new List<string> { "jit" };
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs" when i + 1 < args.Length: runs = int.Parse(args[++i]); break;
                case "--kernel" when i + 1 < args.Length: kernel = args[++i]; break;
                case "--initrd" when i + 1 < args.Length: initrd = args[++i]; break;
                case "--interp": engines.Add("interp"); break;
                default:
                    Console.Error.WriteLine("usage: boot [--runs N] [--kernel Image --initrd initramfs.cpio.gz] [--interp]");
                    return 2;
            }
        }
        string root = A64JitTool.FindRepoRoot(AppContext.BaseDirectory);
        if (kernel is null || initrd is null)
        {
            var fetch = ProcessRun.Start("bash", [Path.Combine(root, "tests", "guests", "system", "linux.sh")], timeoutSeconds: 900);
            var paths = fetch.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (!fetch.Succeeded || paths.Length < 2)
            {
                Console.Error.WriteLine($"boot: tests/guests/system/linux.sh failed:\n{fetch.Stderr}");
                return 1;
            }
            (kernel, initrd) = (paths[0], paths[1]);
        }
        var a64jit = A64JitTool.Locate(root, null, Console.Error.WriteLine);
        string? qemu = ProcessRun.Which("qemu-system-aarch64");

        var times = new Dictionary<string, List<double>>();
        for (int run = 0; run < runs; run++)
        {
            foreach (var engine in engines)
                Measure(times, $"a64jit ({engine})", a64jit.Program,
                    a64jit.With("boot", "--kernel", kernel, "--initrd", initrd, "--mem", "512M", "--append", Append, "--engine", engine));
            if (qemu is not null)
                Measure(times, "qemu-system-aarch64", qemu,
                    ["-M", "virt,gic-version=3", "-cpu", "max,pauth=off,sve=off", "-m", "512M", "-nographic", "-monitor", "none", "-serial", "stdio",
                     "-kernel", kernel, "-initrd", initrd, "-append", Append, "-no-reboot"]);
        }

        Console.WriteLine($"Linux boot to '{Marker}' and power-off ({runs} runs, median wall seconds):");
        foreach (var (name, list) in times)
            Console.WriteLine($"  {name,-22} {(list.Count == runs ? $"{Statistics.Median(list),8:F2} s" : $"failed in {runs - list.Count} of {runs} runs")}");
        if (times.TryGetValue("a64jit (jit)", out var ours) && times.TryGetValue("qemu-system-aarch64", out var theirs) && ours.Count > 0 && theirs.Count > 0)
            Console.WriteLine($"  qemu/a64jit = {Statistics.Median(theirs) / Statistics.Median(ours):F2}x (above 1: a64jit is faster)");
        return 0;
    }

    static void Measure(Dictionary<string, List<double>> times, string name, string file, string[] args)
    {
        if (!times.ContainsKey(name))
            times[name] = [];
        var run = ProcessRun.Start(file, args, timeoutSeconds: 600);
        if (run.Succeeded && run.Stdout.Contains(Marker, StringComparison.Ordinal))
            times[name].Add(run.Seconds);
        else
            Console.Error.WriteLine($"boot: {name} did not reach the marker (exit {run.ExitCode}{(run.TimedOut ? ", timed out" : "")}); last output:\n" +
                string.Join('\n', (run.Stdout + run.Stderr).Split('\n').TakeLast(8)));
    }
}
