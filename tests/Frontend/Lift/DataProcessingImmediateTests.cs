using A64Jit.Tests.Support;

namespace A64Jit.Tests.Frontend.Lift;

[TestFixture]
public class DataProcessingImmediateTests
{
    [Test(Description = "movz/movk/movn build constants; 32-bit forms zero the top half")]
    public void MoveWide()
    {
        var s = AsmRunner.Exec("""
            movz x0, #0x1234, lsl #48
            movk x0, #0xabcd
            movn w1, #0
            movn x2, #5, lsl #16
            brk #0
            """);
        Assert.That(s.X[0], Is.EqualTo(0x1234_0000_0000_ABCDUL));
        Assert.That(s.X[1], Is.EqualTo(0xFFFF_FFFFUL));
        Assert.That(s.X[2], Is.EqualTo(~(5UL << 16)));
    }

    [Test(Description = "adds/subs set NZCV like AddWithCarry(); cmp is subs to xzr")]
    public void AddSubImmediateFlags()
    {
        var s = AsmRunner.Exec("""
            mov w0, #0x7fffffff
            adds w1, w0, #1        // signed overflow: N=1 V=1
            mrs x2, nzcv
            mov x9, #0
            subs x3, x9, #1        // 0 - 1: N=1, C=0 (borrow)
            mrs x4, nzcv
            cmp x3, #4095, lsl #12
            mrs x5, nzcv
            add sp, sp, #16
            mov x6, sp
            brk #0
            """);
        Assert.That(s.X[1], Is.EqualTo(0x8000_0000UL));
        Assert.That(s.X[2], Is.EqualTo(0x9000_0000UL));
        Assert.That(s.X[3], Is.EqualTo(ulong.MaxValue));
        Assert.That(s.X[4], Is.EqualTo(0x8000_0000UL));
        Assert.That(s.X[5], Is.EqualTo(0xA000_0000UL));
        Assert.That(s.X[6], Is.EqualTo(AsmRunner.StackTop + 16));
    }

    [Test(Description = "logical immediates decode through DecodeBitMasks")]
    public void LogicalImmediate()
    {
        var s = AsmRunner.Exec("""
            mov x0, #-1
            and x1, x0, #0x5555555555555555
            orr w2, wzr, #0xff00ff
            eor x3, x1, #0xf0f0f0f0f0f0f0f0
            ands x4, x1, #0x8000000000000000
            mrs x5, nzcv
            brk #0
            """);
        Assert.That(s.X[1], Is.EqualTo(0x5555_5555_5555_5555UL));
        Assert.That(s.X[2], Is.EqualTo(0x00FF_00FFUL));
        Assert.That(s.X[3], Is.EqualTo(0x5555_5555_5555_5555UL ^ 0xF0F0_F0F0_F0F0_F0F0UL));
        Assert.That(s.X[4], Is.EqualTo(0UL));
        Assert.That(s.X[5], Is.EqualTo(0x4000_0000UL));
    }

    [Test(Description = "bitfield aliases: ubfx, sbfx, bfi, lsl, asr, sxtw; extr and ror")]
    public void BitfieldAndExtract()
    {
        var s = AsmRunner.Exec("""
            movz x0, #0xbeef
            movk x0, #0xdead, lsl #16
            ubfx x1, x0, #8, #12
            sbfx x2, x0, #16, #16
            mov x3, #0
            bfi x3, x0, #40, #8
            lsl w4, w0, #4
            asr x5, x2, #3
            sxtw x6, w0
            extr x7, x0, x2, #16
            ror w8, w0, #8
            brk #0
            """);
        Assert.That(s.X[1], Is.EqualTo(0xDBEUL));
        Assert.That(s.X[2], Is.EqualTo(0xFFFF_FFFF_FFFF_DEADUL));
        Assert.That(s.X[3], Is.EqualTo(0xEFUL << 40));
        Assert.That(s.X[4], Is.EqualTo(0xEADB_EEF0UL));
        Assert.That(s.X[5], Is.EqualTo(unchecked((ulong)((long)0xFFFF_FFFF_FFFF_DEADUL >> 3))));
        Assert.That(s.X[6], Is.EqualTo(0xFFFF_FFFF_DEAD_BEEFUL));
        Assert.That(s.X[7], Is.EqualTo((0xDEAD_BEEFUL << 48) | (0xFFFF_FFFF_FFFF_DEADUL >> 16)));
        Assert.That(s.X[8], Is.EqualTo(0xEFDE_ADBEUL));
    }
}
