using A64Jit.Tests.Support;

namespace A64Jit.Tests.Frontend.Lift;

[TestFixture]
public class LoadLiteralTests
{
    [Test(Description = "ldr w/x, ldrsw, ldr s/d/q from literals before and after the code; prfm literal is a hint")]
    public void Literals()
    {
        var s = LoadStoreOracle.Check("""
            b 2f
        0:  .quad 0x8000000012345678
        1:  .quad 0xfedcba9876543210, 0x0123456789abcdef
        2:  ldr x0, 0b
            ldr w1, 0b
            ldrsw x2, 0b
            ldrsw x3, 4f
            ldr s4, 1b
            ldr d5, 1b
            ldr q6, 1b
            ldr x7, 4f
            prfm pldl1keep, 0b
            prfm pstl1strm, 4f
            brk #0
        4:  .quad 0x00000000ffffffff
        """);
        Assert.That(s.X[0], Is.EqualTo(0x8000_0000_1234_5678UL));
        Assert.That(s.X[1], Is.EqualTo(0x1234_5678UL));
        Assert.That(s.X[2], Is.EqualTo(0x1234_5678UL));
        Assert.That(s.X[3], Is.EqualTo(ulong.MaxValue));
        Assert.That(s.V[4], Is.EqualTo((UInt128)0x7654_3210));
        Assert.That(s.V[5], Is.EqualTo((UInt128)0xFEDC_BA98_7654_3210UL));
        Assert.That(s.V[6], Is.EqualTo(new UInt128(0x0123_4567_89AB_CDEFUL, 0xFEDC_BA98_7654_3210UL)));
        Assert.That(s.X[7], Is.EqualTo(0xFFFF_FFFFUL));
    }
}
