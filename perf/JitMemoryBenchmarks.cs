using A64Jit.IR;
using A64Jit.Runtime.Engines;
using BenchmarkDotNet.Attributes;

namespace A64Jit.Perf;

/// <summary>
/// The JIT's inline memory path, per guest access: a loop of four 64-bit loads and four stores that
/// walks a 64 KiB read-write buffer. The time per access includes a share of the loop's five other
/// instructions. Two ways to check an access: <c>checked</c> looks up the page's flags in the table
/// beside the reservation; <c>guarded</c> compares with the end of the guest space only, and lets the
/// host protections (which follow the guest's) fault.
/// </summary>
public class JitMemoryBenchmarks
{
    const int Iterations = 1_000_000;
    const int AccessesPerIteration = 8;
    const ulong Code = 0x10000, Buffer = 0x100000, BufferSize = 0x10000;

    // loop: ldr x3, [x2] ; ldr x4, [x2, #8] ; ldr x5, [x2, #16] ; ldr x6, [x2, #24]
    //       str x4, [x2] ; str x5, [x2, #8] ; str x6, [x2, #16] ; str x3, [x2, #24]
    //       add x7, x7, #32 ; and x7, x7, #0xffe0 ; add x2, x8, x7 ; subs x1, x1, #1 ; b.ne loop ; brk #0
    // (x8 = buffer, x7 = offset in it, x2 = x8 + x7)
    static readonly uint[] Loop =
    [
        0xf9400043, 0xf9400444, 0xf9400845, 0xf9400c46,
        0xf9000044, 0xf9000445, 0xf9000846, 0xf9000c43,
        0x910080e7, 0x927b28e7, 0x8b070102, 0xf1000421, 0x54fffe81, 0xd4200000,
    ];

    BareGuest guest = null!;
    JitEngine engine = null!;

    [Params("checked", "guarded")]
    public string Memory { get; set; } = "checked";

    [GlobalSetup]
    public void Setup()
    {
        guest = new BareGuest(guarded: Memory == "guarded");
        guest.Code(Code, Loop);
        guest.Data(Buffer, BufferSize);
        guest.Memory.Poke(Buffer, BitConverter.GetBytes(0x0123456789abcdefUL));
        engine = new JitEngine(new EngineOptions(), singleStep: false);
        var exit = Run(1000);
        if (exit.Reason != ExitReason.Exception || guest.State.Pc != Code + 13 * 4 || guest.State.X[7] != 1000 * 32 % BufferSize)
            throw new InvalidOperationException($"memory loop: {exit.Reason} at 0x{guest.State.Pc:x}, x7 = 0x{guest.State.X[7]:x}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        engine.Dispose();
        guest.Dispose();
    }

    BlockExit Run(int iterations)
    {
        var x = guest.State.X;
        x[1] = (ulong)iterations;
        x[2] = x[8] = Buffer;
        x[7] = 0;
        return guest.Run(engine, Code);
    }

    [Benchmark(Description = "ldr/str fast path, per access", OperationsPerInvoke = Iterations * AccessesPerIteration)]
    public BlockExit LoadsAndStores() => Run(Iterations);
}
