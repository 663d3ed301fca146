using A64Jit.Tests.Support;

namespace A64Jit.Tests.Frontend.Lift;

[TestFixture]
public class LoadStoreRegisterTests
{
    /// <summary>The data area image: bytes 0..255 count up; 0x100.. hold the sign-test patterns.</summary>
    static byte[] Data()
    {
        var d = new byte[0x10000];
        for (int k = 0; k < 0x1000; k++)
            d[k] = (byte)k;
        // 0x100: 0x80, 0x8000, 0x80000000, 0x8000000000000000 and 0x7f.. counterparts.
        BitConverter.GetBytes(0x80UL).CopyTo(d, 0x100);
        BitConverter.GetBytes(0x8000UL).CopyTo(d, 0x108);
        BitConverter.GetBytes(0x8000_0000UL).CopyTo(d, 0x110);
        BitConverter.GetBytes(0x8000_0000_0000_0000UL).CopyTo(d, 0x118);
        BitConverter.GetBytes(0x7FUL).CopyTo(d, 0x120);
        BitConverter.GetBytes(0x7FFF_FFFFUL).CopyTo(d, 0x128);
        // The last bytes of the area, for the maximum unsigned offsets.
        for (int k = 0xFFF0; k < 0x10000; k++)
            d[k] = (byte)(0xF0 ^ k);
        return d;
    }

    [Test(Description = "ldrb/ldrh/ldr w/ldr x at offset 0 and the maximum scaled unsigned offsets (4095 << size)")]
    public void UnsignedOffsetBoundaries()
    {
        var s = LoadStoreOracle.Check("""
            ldrb w0, [x28]
            ldrb w1, [x28, #4095]
            ldrh w2, [x28, #2]
            add x9, x28, #0xe000
            ldrh w3, [x9, #8190]
            ldr w4, [x28, #4]
            sub x10, x28, #0x4000
            add x10, x10, #0x10, lsl #12
            ldr w5, [x10, #16380]
            ldr x6, [x28, #8]
            sub x11, x28, #0x8000
            add x11, x11, #0x10, lsl #12
            ldr x7, [x11, #32760]
            strb w6, [x28, #0x200]
            strh w6, [x28, #0x210]
            str w6, [x28, #0x220]
            str x6, [x28, #0x230]
            str xzr, [x28, #8]
            brk #0
            """, Data());
        Assert.That(s.X[0], Is.EqualTo(0UL));
        Assert.That(s.X[1], Is.EqualTo((ulong)(0xFF & (0xFFF))));
        Assert.That(s.X[6], Is.EqualTo(0x0F0E_0D0C_0B0A_0908UL));
    }

    [Test(Description = "ldrsb/ldrsh/ldrsw of 0x80/0x8000/0x80000000 to W and X; positive patterns stay positive")]
    public void SignExtendingLoads()
    {
        var s = LoadStoreOracle.Check("""
            ldrsb x0, [x28, #0x100]
            ldrsb w1, [x28, #0x100]
            ldrsh x2, [x28, #0x108]
            ldrsh w3, [x28, #0x108]
            ldrsw x4, [x28, #0x110]
            ldrsb x5, [x28, #0x120]
            ldrsw x6, [x28, #0x128]
            add x15, x28, #0x180
            ldursb w7, [x15, #-0x80]
            ldursh x8, [x15, #-0x78]
            ldursw x9, [x15, #-0x70]
            ldr x10, [x28, #0x118]
            mov x12, #0x100
            ldrsb w11, [x28, x12]
            mov x13, #0x84
            ldrsh x13, [x28, x13, lsl #1]
            ldrsb x14, [x28, #0x101]
            brk #0
            """, Data());
        Assert.That(s.X[0], Is.EqualTo(0xFFFF_FFFF_FFFF_FF80UL));
        Assert.That(s.X[1], Is.EqualTo(0xFFFF_FF80UL));
        Assert.That(s.X[2], Is.EqualTo(0xFFFF_FFFF_FFFF_8000UL));
        Assert.That(s.X[3], Is.EqualTo(0xFFFF_8000UL));
        Assert.That(s.X[4], Is.EqualTo(0xFFFF_FFFF_8000_0000UL));
        Assert.That(s.X[5], Is.EqualTo(0x7FUL));
        Assert.That(s.X[6], Is.EqualTo(0x7FFF_FFFFUL));
        Assert.That(s.X[7], Is.EqualTo(0xFFFF_FF80UL));
        Assert.That(s.X[11], Is.EqualTo(0xFFFF_FF80UL));
        Assert.That(s.X[13], Is.EqualTo(0xFFFF_FFFF_FFFF_8000UL));
        Assert.That(s.X[14], Is.EqualTo(0UL));
    }

    [Test(Description = "ldur/stur at imm9 -256 and +255, all sizes, unaligned")]
    public void UnscaledOffsets()
    {
        var s = LoadStoreOracle.Check("""
            add x9, x28, #0x400
            ldur x0, [x9, #-256]
            ldur w1, [x9, #255]
            ldurh w2, [x9, #-255]
            ldurb w3, [x9, #-1]
            ldur x4, [x28, #3]
            stur x4, [x9, #-256]
            stur w4, [x9, #255]
            sturh w4, [x9, #1]
            sturb w4, [x9, #-3]
            brk #0
            """, Data());
        Assert.That(s.X[0], Is.EqualTo(0x0706_0504_0302_0100UL));
        Assert.That(s.X[4], Is.EqualTo(0x0A09_0807_0605_0403UL));
    }

    [Test(Description = "pre/post-index writeback with imm9 extremes, also with sp as base; base register is updated after the access")]
    public void PrePostIndex()
    {
        var s = LoadStoreOracle.Check("""
            add x9, x28, #0x800
            ldr x0, [x9], #-256
            ldr x1, [x9, #255]!
            ldrb w2, [x9], #1
            ldrsh x3, [x9, #-7]!
            add x10, x28, #0
            str x0, [x10, #8]!
            str w1, [x10], #-8
            strh w2, [x10, #0xf0]!
            strb w3, [x10], #255
            sub sp, sp, #64
            str x0, [sp, #-16]!
            ldr x4, [sp], #16
            stp x0, x1, [sp, #-32]!
            ldr x5, [sp, #8]!
            ldr x6, [sp], #24
            mov x7, sp
            add sp, sp, #64
            brk #0
            """, Data());
        Assert.That(s.X[0], Is.EqualTo(0x0706_0504_0302_0100UL));
        Assert.That(s.X[4], Is.EqualTo(s.X[0]));
        Assert.That(s.X[7], Is.EqualTo(AsmRunner.StackTop - 64));
        Assert.That(s.Sp, Is.EqualTo(AsmRunner.StackTop));
    }

    [Test(Description = "register offsets: uxtw, lsl, sxtw, sxtx, each with and without the shift, with negative indices")]
    public void RegisterOffsetExtends()
    {
        var s = LoadStoreOracle.Check("""
            add x9, x28, #0x800
            mov x1, #0x10
            movk x1, #0xffff, lsl #32
            movk x1, #0xffff, lsl #48
            ldr x0, [x9, w1, uxtw]
            ldr x2, [x9, w1, uxtw #3]
            mov x3, #-16
            ldr x4, [x9, x3]
            ldr x5, [x9, x3, lsl #3]
            ldr w6, [x9, w3, sxtw]
            ldr w7, [x9, w3, sxtw #2]
            ldrh w8, [x9, x3, sxtx]
            ldrh w10, [x9, x3, sxtx #1]
            ldrb w11, [x9, w1, uxtw]
            ldrb w12, [x9, x3, lsl #0]
            ldrsw x13, [x9, w3, sxtw #2]
            mov x14, #0x7c
            str x14, [x9, x3, lsl #3]
            strh w14, [x9, w1, uxtw #1]
            strb w14, [x9, w3, sxtw]
            str w14, [x9, x3, sxtx]
            brk #0
            """, Data());
        Assert.That(s.X[0], Is.EqualTo(0x1716_1514_1312_1110UL));
    }

    [Test(Description = "unprivileged loads and stores act as ordinary ones at EL0; prfm/prfum are hints")]
    public void UnprivilegedAndPrefetch()
    {
        var s = LoadStoreOracle.Check("""
            ldtr x0, [x28, #-0]
            ldtrb w1, [x28, #255]
            add x9, x28, #0x200
            ldtrsh x2, [x9, #-0xf8]
            ldtrsb w3, [x9, #-0x100]
            ldtrsw x4, [x9, #-0xf0]
            sttr x0, [x9, #-256]
            sttrh w2, [x9, #8]
            prfm pldl1keep, [x28, #32760]
            prfum pstl2strm, [x28, #-256]
            mov x10, #0x1234
            prfm plil3keep, [x28, x10]
            brk #0
            """, Data());
        Assert.That(s.X[3], Is.EqualTo(0xFFFF_FF80UL));
        Assert.That(s.X[4], Is.EqualTo(0xFFFF_FFFF_8000_0000UL));
    }

    [Test(Description = "a faulting load leaves its destination and the base register unchanged")]
    public void FaultLeavesRegisters()
    {
        using var r = new AsmRunner();
        var exit = r.Run("""
            mov x0, #7
            mov x1, #0x5000
            ldr x0, [x1, #8]!
            brk #0
            """);
        Assert.That(exit.Reason, Is.EqualTo(A64Jit.IR.ExitReason.Fault));
        Assert.That(r.State.X[0], Is.EqualTo(7UL));
        Assert.That(r.State.X[1], Is.EqualTo(0x5000UL));
    }
}
