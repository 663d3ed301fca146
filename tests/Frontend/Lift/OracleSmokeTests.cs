using A64Jit.Tests.Support;

namespace A64Jit.Tests.Frontend.Lift;

[TestFixture]
public class OracleSmokeTests
{
    [Test(Description = "the qemu oracle sees the same addresses and registers as AsmRunner")]
    public void SameState()
    {
        var s = QemuOracle.AssertSameAsQemu("""
            adr x1, .
            mov x2, sp
            mov x3, x28
            movz x4, #0x1234
            adds x5, x4, x4
            brk #0
            """);
        Assert.That(s.X[1], Is.EqualTo(AsmRunner.CodeBase));
    }
}
