using A64Jit.IR;
using A64Jit.Runtime.Cpu;
using A64Jit.Runtime.Machine;

namespace A64Jit.Runtime.Engines;

/// <summary>
/// Lockstep for a full-system CPU. The reference interpreter runs the block first on a copy of the CPU
/// (its own system-register slow path and MMU) against the real RAM, logging the bytes it stores, and
/// touches the devices for real, recording each access. Its RAM stores are undone; then the JIT runs the
/// block on the real CPU with the device accesses answered from the record (and checked against it), so
/// every device sees each access once. The two runs must end alike: exit, registers, PSTATE, system
/// registers, the bytes stored, and the same device accesses.
/// </summary>
sealed class SystemLockstep(InterpreterEngine reference, JitEngine jit)
{
    readonly IrInterpreter interpreter = new();
    readonly DeviceLog log = new();
    SystemContext? real;
    SystemContext? shadow;
    RecordingBus? recorder;

    /// <summary>Runs one block both ways; returns the JIT's exit and the differences (empty when they agree).</summary>
    public (BlockExit Exit, Block Lifted, List<string> Differences) Step(SystemContext ctx)
    {
        if (!ReferenceEquals(real, ctx))
        {
            real = ctx;
            recorder = new RecordingBus(ctx.Bus, log);
            shadow = new SystemContext(new CpuState(), recorder, ctx.Cpu.Config);
        }
        var s = shadow!;
        var cpu = ctx.Cpu;
        ctx.State.CopyTo(s.State);
        (s.Cpu.Vpidr, s.Cpu.Vmpidr, s.Cpu.OsLock, s.Cpu.IrqLine, s.Cpu.FiqLine) = (cpu.Vpidr, cpu.Vmpidr, cpu.OsLock, cpu.IrqLine, cpu.FiqLine);
        s.Cpu.Profile = null;
        s.Mmu.Flush();
        log.Clear();
        s.Cpu.Devices = [new LoggedSysRegDevices(cpu.Devices, log, replay: false)];

        ulong pc = ctx.State.Pc;
        var block = reference.Translate(pc, s);
        var expected = interpreter.Run(block, s);
        s.State.InstructionsRetired += expected.InstructionsRetired;
        s.State.Pc = expected.Reason == ExitReason.Continue ? expected.NextPc : expected.Pc;
        var stored = recorder!.Stored();
        recorder.Undo();

        var bus = ctx.Bus;
        var devices = cpu.Devices;
        var keyBefore = ctx.CodeKey(pc);
        log.Rewind();
        ctx.Bus = new ReplayingBus(bus, log);
        cpu.Devices = [new LoggedSysRegDevices(devices, log, replay: true)];
        BlockExit actual;
        try
        {
            actual = jit.Step(ctx);
        }
        finally
        {
            ctx.Bus = bus;
            cpu.Devices = devices;
        }
        var differences = Compare(expected, actual, s, ctx, stored);
        CheckKey(keyBefore, ctx, actual, differences);
        return (actual, block, differences);
    }

    /// <summary>
    /// The debug check of the translation key (architecture decision 2): a compiled block that ends in a link
    /// (the next block runs under the same key without the runtime looking) must not have changed the key.
    /// </summary>
    void CheckKey(BlockKey? before, SystemContext ctx, BlockExit actual, List<string> differences)
    {
        if (before is not { } key || actual.Reason != ExitReason.Continue || jit.Cache.Find(key) is not { } compiled)
            return;
        bool links = compiled.Compiled.Ir.Terminal is Terminal.Link or Terminal.If { Then: Terminal.Link, Else: Terminal.Link };
        if (links && ctx.TranslationKey != key.Translation)
            differences.Add($"the translation key changed from {key.Translation} to {ctx.TranslationKey} inside a block that links on");
    }

    List<string> Compare(BlockExit expected, BlockExit actual, SystemContext s, SystemContext ctx, Dictionary<ulong, byte> stored)
    {
        var differences = new List<string>();
        if (expected.Reason != actual.Reason || expected.Exception != actual.Exception || expected.Immediate != actual.Immediate
            || (expected.Reason != ExitReason.Continue && expected.Pc != actual.Pc))
            differences.Add($"block exit: interpreter {expected}, jit {actual}");
        if (expected.Fault is { } ef && actual.Fault is { } af && (ef.Message != af.Message))
            differences.Add($"fault: interpreter {ef.Message}, jit {af.Message}");
        foreach (var d in s.State.Differences(ctx.State))
            differences.Add($"{d} (interpreter vs jit)");
        if (s.State.InstructionsRetired != ctx.State.InstructionsRetired)
            differences.Add($"instructions retired: interpreter {s.State.InstructionsRetired}, jit {ctx.State.InstructionsRetired}");
        if (s.State.ExclusiveArmed != ctx.State.ExclusiveArmed)
            differences.Add($"exclusive monitor: interpreter {s.State.ExclusiveArmed}, jit {ctx.State.ExclusiveArmed}");
        differences.AddRange(log.Mismatches);
        differences.AddRange(log.Unreplayed.Select(e => $"the interpreter made a device access the JIT did not: {e}"));
        foreach (var (pa, value) in stored)
        {
            if (!ctx.Bus.TryRead(pa, 1, out ulong now) || (byte)now != value)
                differences.Add($"memory pa 0x{pa:x}: interpreter stored 0x{value:x2}, jit left 0x{(byte)now:x2}");
            if (differences.Count > 40)
                break;
        }
        return differences;
    }
}
