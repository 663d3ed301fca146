using System.Diagnostics;
using A64Jit.Runtime.Engines;
using A64Jit.Runtime.Linux;

namespace A64Jit.Runtime;

/// <summary>Runs a static AArch64 Linux executable as a process, the job of `a64jit run`.</summary>
public static class UserModeRunner
{
    public sealed record Options(string Engine = "jit", bool Strict = false, bool DumpIr = false, bool Stats = false,
        bool DumpX86 = false, bool Optimize = true, string Memory = DefaultMemory);

    /// <summary>
    /// How compiled code checks guest loads and stores (`--memory`): "guarded" (the default) keeps the
    /// host protections equal to the guest's and lets the host fault; "checked" looks up each page's
    /// flags. Guarded is the faster (perf guests: memops 0.55x -> 0.75x of qemu's speed, geomean 0.75x -> 0.80x);
    /// both are safe, since either way an access outside the guest's space never reaches the host.
    /// The interpreter always checks, so it runs on checked memory.
    /// </summary>
    public static readonly string[] MemoryModes = ["guarded", "checked"];

    public const string DefaultMemory = "guarded";

    /// <summary>The engines `--engine` accepts; the first is the default.</summary>
    public static readonly string[] Engines = ["jit", "interp", "lockstep"];

    /// <summary>How the guest ended: its exit status, or 128 + signal with <see cref="Signal"/> set when a signal killed it.</summary>
    public sealed record Result(int ExitStatus, long Instructions, TimeSpan Elapsed, int? Signal = null)
    {
        public double Mips => Elapsed.TotalSeconds > 0 ? Instructions / Elapsed.TotalSeconds / 1e6 : 0;
    }

    public static IEngine CreateEngine(string name, EngineOptions options) => name switch
    {
        "interp" => new InterpreterEngine(options),
        "jit" => new JitEngine(options),
        "lockstep" => new LockstepEngine(options),
        _ => throw new ArgumentException($"unknown engine '{name}' (available: {string.Join(", ", Engines)})"),
    };

    /// <summary>The engine knobs the command-line options ask for (shared with `boot`).</summary>
    public static EngineOptions EngineOptionsFor(Options options) => new()
    {
        DumpIr = options.DumpIr ? block => Console.Error.Write(IR.Printer.Print(block)) : null,
        DumpX86 = options.DumpX86 ? (block, code) => Console.Error.Write($"x86-64 for 0x{block.StartPc:x}:\n{code}\n") : null,
        Optimize = options.Optimize,
    };

    public static Result Run(string path, IReadOnlyList<string> argv, IReadOnlyList<string> envp, Options options)
    {
        var engine = CreateEngine(options.Engine, EngineOptionsFor(options));
        using var process = new LinuxProcess(engine, new ProcessOptions
        {
            Strict = options.Strict,
            GuardedMemory = options.Memory == "guarded" && options.Engine != "interp",
        });
        var main = process.Load(path, argv, envp);
        return Execute(process, main, options.Stats);
    }

    /// <summary>Runs a loaded (or resumed) process to its end, with host signals routed to it.</summary>
    public static Result Execute(LinuxProcess process, LinuxThread main, bool stats)
    {
        using var signals = Linux.ProcessModel.ProcessEntry.ListenForHostSignals(process);
        var clock = Stopwatch.StartNew();
        int status = process.Run(main);
        clock.Stop();
        var result = new Result(status, process.InstructionsRetired(main), clock.Elapsed, process.TerminatingSignal);
        if (stats)
            Console.Error.WriteLine($"a64jit: {result.Instructions:N0} guest instructions in {result.Elapsed.TotalSeconds:F3} s: {result.Mips:F1} MIPS ({process.Engine.Name})");
        return result;
    }
}
