using A64Jit.Tests.Support;

namespace A64Jit.Tests.Frontend.Lift;

[TestFixture]
public class LoadStoreAtomicTests
{
    static byte[] Data()
    {
        var d = new byte[0x10000];
        for (int k = 0; k < 0x100; k += 8)
            BitConverter.GetBytes(0x8000_0000_0000_0080UL + (ulong)k).CopyTo(d, k);
        return d;
    }

    [Test(Description = "ldadd/ldclr/ldeor/ldset of every size and ordering return the old value; st* aliases discard it")]
    public void ArithmeticAndLogic()
    {
        var s = LoadStoreOracle.Check("""
            mov x10, #0x81
            ldaddb w10, w0, [x28]
            ldaddah w10, w1, [x28]
            add x9, x28, #8
            ldaddl w10, w2, [x9]
            ldaddal x10, x3, [x9]
            add x9, x28, #16
            mov x11, #0xff
            ldclr x11, x4, [x9]
            ldclrab w11, w5, [x9]
            add x9, x28, #24
            ldeor x11, x6, [x9]
            ldeorlh w11, w7, [x9]
            add x9, x28, #32
            ldset x11, x8, [x9]
            ldsetal w11, w12, [x9]
            add x9, x28, #40
            stadd x10, [x9]
            stclrl x11, [x9]
            ldr x13, [x9]
            brk #0
            """, Data());
        Assert.That(s.X[0], Is.EqualTo(0x80UL));
        Assert.That(s.X[1], Is.EqualTo(0x0001UL));
        Assert.That(s.X[2], Is.EqualTo(0x88UL));
        Assert.That(s.X[3], Is.EqualTo(0x8000_0000_0000_0109UL));
        Assert.That(s.X[4], Is.EqualTo(0x8000_0000_0000_0090UL));
        Assert.That(s.X[5], Is.EqualTo(0UL));
    }

    [Test(Description = "signed and unsigned max/min compare at the access size (0x80 is negative as a byte)")]
    public void MaxMin()
    {
        var s = LoadStoreOracle.Check("""
            mov x10, #1
            ldsmaxb w10, w0, [x28]
            ldrb w1, [x28]
            add x9, x28, #8
            ldumaxb w10, w2, [x9]
            ldrb w3, [x9]
            add x9, x28, #16
            ldsmin x10, x4, [x9]
            ldr x5, [x9]
            add x9, x28, #24
            ldumin x10, x6, [x9]
            ldr x7, [x9]
            add x9, x28, #32
            movn w10, #0
            ldsmaxal w10, w8, [x9]
            ldr w11, [x9]
            ldumina w10, w12, [x9]
            ldsminl h10, h13, [x9]
            brk #0
            """.Replace("ldsminl h10, h13", "ldsminlh w10, w13"), Data());
        Assert.That(s.X[1], Is.EqualTo(1UL));
        Assert.That(s.X[3], Is.EqualTo(0x88UL));
        Assert.That(s.X[5], Is.EqualTo(0x8000_0000_0000_0090UL));
        Assert.That(s.X[7], Is.EqualTo(1UL));
    }

    [Test(Description = "swp of every size returns the old value and stores the new")]
    public void Swap()
    {
        var s = LoadStoreOracle.Check("""
            movn x10, #0
            swpb w10, w0, [x28]
            add x9, x28, #8
            swph w10, w1, [x9]
            add x9, x28, #16
            swpal w10, w2, [x9]
            add x9, x28, #24
            swpl x10, x3, [x9]
            ldr x4, [x9]
            brk #0
            """, Data());
        Assert.That(s.X[0], Is.EqualTo(0x80UL));
        Assert.That(s.X[3], Is.EqualTo(0x8000_0000_0000_0098UL));
        Assert.That(s.X[4], Is.EqualTo(ulong.MaxValue));
    }

    // Aligned only: qemu 7.2 has no FEAT_LSE2, so it faults on any misaligned ordered access.
    [Test(Description = "ldapr (RCPC) and ldapur/ldapurs*/stlur (RCPC2) at imm9 extremes")]
    public void Rcpc()
    {
        var s = LoadStoreOracle.Check("""
            ldaprb w0, [x28]
            ldaprh w1, [x28]
            ldapr w2, [x28]
            ldapr x3, [x28]
            add x9, x28, #0x100
            ldapur x4, [x9, #-256]
            ldapursb x5, [x9, #-256]
            ldapursb w6, [x9, #-256]
            ldapursh x7, [x9, #-250]
            ldapursw x8, [x9, #-252]
            ldapurh w10, [x9, #-256]
            stlur x4, [x9, #248]
            stlurb w4, [x9, #-1]
            stlurh w4, [x9, #-10]
            stlur w4, [x9, #32]
            brk #0
            """, Data());
        Assert.That(s.X[0], Is.EqualTo(0x80UL));
        Assert.That(s.X[5], Is.EqualTo(0xFFFF_FFFF_FFFF_FF80UL));
        Assert.That(s.X[6], Is.EqualTo(0xFFFF_FF80UL));
        Assert.That(s.X[8], Is.EqualTo(0xFFFF_FFFF_8000_0000UL));
    }

    [Test(Description = "an ordered access crossing a 16-byte block is an alignment fault (FEAT_LSE2); inside one it is allowed")]
    public void OrderedAlignment()
    {
        using var r = new AsmRunner();
        var exit = r.Run("""
            add x9, x28, #0x13
            ldar w0, [x9]
            mov x1, #1
            add x9, x28, #0xd
            stlr w1, [x9]
            brk #0
            """);
        Assert.That(exit.Reason, Is.EqualTo(A64Jit.IR.ExitReason.Fault));
        Assert.That(exit.Fault!.Kind, Is.EqualTo(A64Jit.IR.GuestFaultKind.Alignment));
        Assert.That(r.State.X[1], Is.EqualTo(1UL));
    }
}
