using A64Jit.IR;
using A64Jit.Runtime.Cpu;
using A64Jit.Runtime.Engines;
using A64Jit.Runtime.Linux;
using A64Jit.Runtime.Memory;

namespace A64Jit.Perf;

/// <summary>
/// A guest without an operating system for the micro-benchmarks: instruction words poked into a code
/// page, optional data pages, one CPU. Code built from words in C# needs no cross toolchain.
/// </summary>
public sealed class BareGuest : IDisposable
{
    public GuestMemory Memory { get; }
    public GuestContext Context { get; }

    /// <param name="guarded">Guest memory whose host protections follow the guest's (`--memory guarded`).</param>
    public BareGuest(bool guarded = false)
    {
        Memory = new GuestMemory(1UL << 32, guarded);
        Context = new GuestContext(new CpuState(), Memory, new UserModeSystemRegisters());
    }

    public CpuState State => Context.State;

    /// <summary>Maps the pages under [address, address + 4 * words) read+execute and writes the words there.</summary>
    public void Code(ulong address, IReadOnlyList<uint> words)
    {
        ulong end = address + (ulong)words.Count * 4;
        ulong start = GuestMemory.PageAlignDown(address);
        for (ulong page = start; page < end; page += GuestMemory.PageSize)
            if (Memory.FlagsAt(page) == PageFlags.None)
                Memory.Map(page, GuestMemory.PageSize, PageFlags.Read | PageFlags.Execute);
        for (int i = 0; i < words.Count; i++)
            Memory.Poke(address + (ulong)i * 4, BitConverter.GetBytes(words[i]));
    }

    /// <summary>Maps [address, address + length) read+write (no execute, so stores take the JIT's fast path).</summary>
    public void Data(ulong address, ulong length) =>
        Memory.Map(address, GuestMemory.PageAlignUp(length), PageFlags.Read | PageFlags.Write);

    /// <summary>Runs from <paramref name="pc"/> until the engine leaves with anything but Continue (the guest's brk).</summary>
    public BlockExit Run(IEngine engine, ulong pc)
    {
        State.Pc = pc;
        BlockExit exit;
        do
            exit = engine.Step(Context);
        while (exit.Reason == ExitReason.Continue);
        return exit;
    }

    public void Dispose() => Memory.Dispose();
}
