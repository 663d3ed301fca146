using A64Jit.Hypervisor.Cpu;
using A64Jit.Hypervisor.Profiling;
using A64Jit.Hypervisor.SysRegs;
using A64Jit.IR;

namespace A64Jit.Runtime.Machine;

/// <summary>
/// The system-register lowering pass (architecture decision 3): an MRS or MSR that cannot trap under the
/// block's translation key and has no side effect becomes a load or store of the register's slot; the
/// rest stay calls into the slow path. With a profile, each inline access gets a counter increment
/// (without one, compiled code carries no counters). Only the JIT runs it: the reference interpreter
/// takes every access through the slow path.
/// </summary>
public static class SysRegLowering
{
    public static void Run(Block block, SystemCpu cpu, uint translationKey, SysRegProfile? profile)
    {
        int el = (int)(translationKey & 3);
        for (int i = 0; i < block.Insts.Count; i++)
        {
            var inst = block.Insts[i];
            bool read = inst.Op == Opcode.ReadSysReg;
            if (!read && inst.Op != Opcode.WriteSysReg)
                continue;
            if (read && cpu.StaticTarget((uint)inst.Aux, read, translationKey) is { Constant: ulong constant })
            {
                if (profile is not null && profile.Counter(SystemCpu.NameOf((uint)inst.Aux), el, read, SysRegPath.Inline) is int c and >= 0)
                    block.Insts.Insert(i++, new Inst(Opcode.Count, IrType.Void, [], (ulong)c));
                inst.Op = Opcode.Const;
                inst.Aux = constant;
                inst.Args = [];
                continue;
            }
            if (cpu.InlineSlot((uint)inst.Aux, read, translationKey) is not int slot)
                continue;
            if (profile is not null && profile.Counter(SystemCpu.NameOf((uint)inst.Aux), el, read, SysRegPath.Inline) is int counter and >= 0)
                block.Insts.Insert(i++, new Inst(Opcode.Count, IrType.Void, [], (ulong)counter));
            inst.Op = read ? Opcode.GetSysRegSlot : Opcode.SetSysRegSlot;
            inst.Aux = (ulong)slot;
        }
        block.Renumber();
        // The lifter ended the block after the MSR (or ISB) in case it changed what translation depends on; a
        // write that cannot (an inline one, or one with no translation effect, key change or TLB maintenance) links on.
        if (block.Terminal is Terminal.Exit end
            && block.Insts.LastOrDefault(i => i.Op is not (Opcode.Count or Opcode.InstStart or Opcode.Const)) is { } last
            && KeepsTranslation(last, cpu, translationKey))
            block.Terminal = new Terminal.Link(end.NextPc);
    }

    static bool KeepsTranslation(Inst last, SystemCpu cpu, uint translationKey) => last.Op switch
    {
        Opcode.SetSysRegSlot or Opcode.MemoryBarrier => true,
        Opcode.WriteSysReg => cpu.StaticTarget((uint)last.Aux, read: false, translationKey) is { } def
            && (def.Effects & (SysRegEffects.Translation | SysRegEffects.Maintenance)) == 0 && !SystemCpu.ChangesKey(def),
        _ => false,
    };
}
