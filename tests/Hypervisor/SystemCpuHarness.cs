using A64Jit.Hypervisor.Cpu;
using A64Jit.Hypervisor.Exceptions;
using A64Jit.Hypervisor.SysRegs;
using A64Jit.IR;
using A64Jit.Runtime.Cpu;

namespace A64Jit.Tests.Hypervisor;

/// <summary>A SystemCpu on a real CpuState with hooks that record what the slow path asked of the machine.</summary>
sealed class SystemCpuHarness : ISystemHooks
{
    public CpuState State { get; } = new();
    public SystemCpu Cpu { get; }
    public int TranslationChanges;

    public SystemCpuHarness(bool el2 = true, int startEl = 2)
    {
        Cpu = new SystemCpu(State, new SystemCpuConfig { HasEl2 = el2, IdRegister = _ => 0x1234, Midr = 0x410F_D070 }, this);
        Cpu.Reset(startEl);
    }

    public void TranslationChanged() => TranslationChanges++;
    public void TranslationChanged(ulong va) => TranslationChanges++;
    public ulong AddressTranslate(AtOperation op, ulong va) => 0;
    public void CheckDataAddress(ulong va) { }
    public void InterruptsChanged() { }
    public void PrivilegeChanged() { }

    /// <summary>Moves the CPU to an EL/SP and HCR_EL2.{E2H,TGE} state as a test case describes it.</summary>
    public void At(int el, bool e2h = false, bool tge = false, ulong hcrOther = 0)
    {
        if (Cpu.HasEl2)
            Cpu.Reg("HCR_EL2") = (e2h ? SystemCpu.HcrE2h : 0) | (tge ? SystemCpu.HcrTge : 0) | SystemCpu.HcrRw | hcrOther;
        Cpu.SetPstate(Pstate.WithEl(Pstate.SpSel, el));
    }

    public static uint Aux(string name, int rt = 0) => (uint)SysRegEncoding.WithRt(SysRegTable.Named(name).Encoding, (uint)rt);

    public ulong Read(string name, int rt = 0) => Cpu.ReadSysReg(Aux(name, rt));
    public void Write(string name, ulong value, int rt = 0) => Cpu.WriteSysReg(Aux(name, rt), value);

    /// <summary>The exception an access raises (fails the test when it does not raise).</summary>
    public static SyndromeFault Raises(Action access)
    {
        try
        {
            access();
        }
        catch (SyndromeFault fault)
        {
            return fault;
        }
        Assert.Fail("the access did not raise an exception");
        return null!;
    }

    /// <summary>Takes a fault as the machine would at <paramref name="pc"/>.</summary>
    public void Take(SyndromeFault fault, ulong pc) => Cpu.TakeFault(fault, pc);
}
