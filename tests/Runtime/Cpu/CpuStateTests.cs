using A64Jit.Runtime.Cpu;

namespace A64Jit.Tests.Runtime.Cpu;

[TestFixture]
public class CpuStateTests
{
    [Test(Description = "regression: Clone shared the X and V arrays, so a cloned thread wrote its parent's registers")]
    public void CloneHasItsOwnRegisters()
    {
        var s = new CpuState { Pc = 0x1000, Nzcv = 0x4000_0000 };
        s.X[3] = 33;
        s.V[4] = 44;
        var c = s.Clone();
        Assert.That((c.X[3], c.V[4], c.Pc, c.Nzcv), Is.EqualTo((33UL, (UInt128)44, 0x1000UL, 0x4000_0000u)));
        c.X[3] = 1;
        c.V[4] = 2;
        Assert.That((s.X[3], s.V[4]), Is.EqualTo((33UL, (UInt128)44)));
    }
}
