using A64Jit.Tests.Support;

namespace A64Jit.Tests.Frontend.Lift;

[TestFixture]
public class LoadStorePairTests
{
    static byte[] Data()
    {
        var d = new byte[0x10000];
        for (int k = 0; k < 0x1000; k++)
            d[k] = (byte)(k * 13 + 1);
        BitConverter.GetBytes(0x8000_0000_7FFF_FFFFUL).CopyTo(d, 0x400);
        return d;
    }

    [Test(Description = "ldp/stp of W and X at imm7 extremes (-64 and +63 scaled), signed offset")]
    public void OffsetExtremes()
    {
        var s = LoadStoreOracle.Check("""
            add x9, x28, #0x800
            ldp x0, x1, [x9, #-512]
            ldp x2, x3, [x9, #504]
            ldp w4, w5, [x9, #-256]
            ldp w6, w7, [x9, #252]
            stp x0, x3, [x9, #-512]
            stp w4, w7, [x9, #252]
            stp xzr, xzr, [x9, #16]
            ldnp x10, x11, [x9, #-8]
            stnp x10, x11, [x9, #64]
            ldnp w12, w13, [x9, #-256]
            stnp w13, w12, [x9, #128]
            brk #0
            """, Data());
        Assert.That(s.X[10], Is.Not.EqualTo(0UL));
    }

    [Test(Description = "ldpsw sign-extends both words (0x80000000 and 0x7fffffff)")]
    public void LoadPairSignedWords()
    {
        var s = LoadStoreOracle.Check("""
            add x9, x28, #0x400
            ldpsw x0, x1, [x9]
            ldpsw x2, x3, [x9], #-256
            ldpsw x4, x5, [x9, #252]!
            brk #0
            """, Data());
        Assert.That(s.X[0], Is.EqualTo(0x7FFF_FFFFUL));
        Assert.That(s.X[1], Is.EqualTo(0xFFFF_FFFF_8000_0000UL));
        Assert.That(s.X[9], Is.EqualTo(AsmRunner.DataBase + 0x400 - 256 + 252));
    }

    [Test(Description = "pre/post-indexed pairs with sp as base: the push/pop idiom")]
    public void PushPopWithSp()
    {
        var s = LoadStoreOracle.Check("""
            mov x0, #0x1111
            mov x1, #0x2222
            stp x0, x1, [sp, #-16]!
            stp w1, w0, [sp, #-8]!
            ldp w2, w3, [sp], #8
            ldp x4, x5, [sp], #16
            stp x0, x1, [sp, #-512]!
            ldp x6, x7, [sp], #504
            add sp, sp, #8
            brk #0
            """, Data());
        Assert.That(s.X[2], Is.EqualTo(0x2222UL));
        Assert.That(s.X[3], Is.EqualTo(0x1111UL));
        Assert.That(s.X[4], Is.EqualTo(0x1111UL));
        Assert.That(s.X[5], Is.EqualTo(0x2222UL));
        Assert.That(s.Sp, Is.EqualTo(AsmRunner.StackTop));
    }

    [Test(Description = "a faulting second half of ldp leaves both destinations unchanged")]
    public void FaultingPairLeavesRegisters()
    {
        using var r = new AsmRunner();
        var exit = r.Run("""
            mov x0, #1
            mov x1, #2
            add x9, x28, #0xf, lsl #12
            add x9, x9, #0xff8
            ldp x0, x1, [x9]
            brk #0
            """);
        Assert.That(exit.Reason, Is.EqualTo(A64Jit.IR.ExitReason.Fault));
        Assert.That((r.State.X[0], r.State.X[1]), Is.EqualTo((1UL, 2UL)));
    }
}
