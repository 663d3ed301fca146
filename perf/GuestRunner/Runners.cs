namespace A64Jit.Perf.GuestRunner;

/// <summary>The three ways a benchmark is run; each knows its binary (AArch64 or native) and its command line.</summary>
public abstract record Runner(string Name, Target Target)
{
    public abstract (string File, IReadOnlyList<string> Args) Command(string binary, long size);

    public ProcessRun Run(string binary, long size, double timeoutSeconds)
    {
        var (file, args) = Command(binary, size);
        return ProcessRun.Start(file, args, timeoutSeconds);
    }
}

/// <summary>`a64jit run --engine E --memory M --stats -- prog size`: wall time includes a64jit's start-up.</summary>
public sealed record A64JitRunner(A64JitCommand A64Jit, string Engine, string Memory) : Runner("a64jit", Target.AArch64)
{
    public override (string, IReadOnlyList<string>) Command(string binary, long size) =>
        (A64Jit.Program, A64Jit.With("run", "--engine", Engine, "--memory", Memory, "--stats", "--", binary,
            size.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}

public sealed record QemuRunner(string Qemu) : Runner("qemu", Target.AArch64)
{
    public const string Program = "qemu-aarch64";

    public override (string, IReadOnlyList<string>) Command(string binary, long size) =>
        (Qemu, [binary, size.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
}

public sealed record NativeRunner() : Runner("native", Target.Native)
{
    public override (string, IReadOnlyList<string>) Command(string binary, long size) =>
        (binary, [size.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
}
