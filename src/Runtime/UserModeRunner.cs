using System.Diagnostics;
using A64Jit.Runtime.Engines;
using A64Jit.Runtime.Linux;

namespace A64Jit.Runtime;

/// <summary>Runs a static AArch64 Linux executable as a process, the job of `a64jit run`.</summary>
public static class UserModeRunner
{
    public sealed record Options(string Engine = "interp", bool Strict = false, bool DumpIr = false, bool Stats = false);

    public sealed record Result(int ExitStatus, long Instructions, TimeSpan Elapsed)
    {
        public double Mips => Elapsed.TotalSeconds > 0 ? Instructions / Elapsed.TotalSeconds / 1e6 : 0;
    }

    public static IEngine CreateEngine(string name, EngineOptions options) => name switch
    {
        "interp" => new InterpreterEngine(options),
        _ => throw new ArgumentException($"unknown engine '{name}' (available: interp)"),
    };

    public static Result Run(string path, IReadOnlyList<string> argv, IReadOnlyList<string> envp, Options options)
    {
        var engineOptions = new EngineOptions
        {
            DumpIr = options.DumpIr ? block => Console.Error.Write(IR.Printer.Print(block)) : null,
        };
        var engine = CreateEngine(options.Engine, engineOptions);
        using var process = new LinuxProcess(engine, new ProcessOptions { Strict = options.Strict });
        var main = process.Load(path, argv, envp);
        var clock = Stopwatch.StartNew();
        int status = process.Run(main);
        clock.Stop();
        var result = new Result(status, process.InstructionsRetired(main), clock.Elapsed);
        if (options.Stats)
            Console.Error.WriteLine($"a64jit: {result.Instructions:N0} guest instructions in {result.Elapsed.TotalSeconds:F3} s: {result.Mips:F1} MIPS ({engine.Name})");
        return result;
    }
}
