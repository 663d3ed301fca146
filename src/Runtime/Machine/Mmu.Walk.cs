using A64Jit.Hypervisor.Cpu;
using A64Jit.Hypervisor.Exceptions;

namespace A64Jit.Runtime.Machine;

// The translation itself: the flat mapping while stage 1 is off, the page-table walk when it is on.
public sealed partial class Mmu
{
    /// <summary>Is stage 1 of the current regime enabled (SCTLR_ELx.M; EL1&amp;0 under TGE=1 counts as off)?</summary>
    bool StageOneEnabled
    {
        get
        {
            int el = cpu.El;
            bool el2Regime = el == 2 || (el == 0 && cpu.E2h && cpu.Tge);
            if (el2Regime)
                return (cpu.Reg("SCTLR_EL2") & 1) != 0;
            if (cpu.HasEl2 && cpu.Tge)
                return false;
            return (cpu.Reg("SCTLR_EL1") & 1) != 0;
        }
    }

    bool StageTwoEnabled => cpu.El < 2 && !(cpu.E2h && cpu.Tge) && (cpu.EffectiveHcr & SystemCpu.HcrVm) != 0;

    ulong? Lookup(ulong va, MemoryAccess access) => null;

    public void Flush() { }

    ulong? Walk(ulong va, MemoryAccess access, out SyndromeFault? fault)
    {
        fault = null;
        if (!StageOneEnabled && !StageTwoEnabled)
        {
            if (va >> PhysicalAddressBits != 0)
            {
                // Stage 1 off: a VA beyond the PA size is an address size fault at level 0.
                fault = Abort(va, access, 0x00, $"address 0x{va:x} beyond the {PhysicalAddressBits}-bit physical address space");
                return null;
            }
            return va;
        }
        throw new NotSupportedException("the page-table walker is not wired in yet");
    }

    public ulong AddressTranslate(AtOperation op, ulong va) => throw new NotSupportedException("AT is not wired in yet");
}
