using A64Jit.Frontend.Decoding;
using A64Jit.Frontend.Lifting;
using A64Jit.Tests.Support;

namespace A64Jit.Tests.Frontend.Lift;

[TestFixture]
public class LoadStoreExclusiveTests
{
    static byte[] Data()
    {
        var d = new byte[0x10000];
        for (int k = 0; k < 0x100; k++)
            d[k] = (byte)(0xA0 + k);
        return d;
    }

    [Test(Description = "ldxr/stxr of every size succeed (status 0); a second stxr, or one to another address, fails (status 1)")]
    public void ExclusiveSuccessAndFailure()
    {
        var s = LoadStoreOracle.Check("""
            mov x10, #0x55
            ldxrb w0, [x28]
            stxrb w1, w10, [x28]
            ldxrh w2, [x28, #0]
            add x9, x28, #2
            ldxrh w2, [x9]
            stxrh w3, w10, [x9]
            add x9, x28, #8
            ldxr w4, [x9]
            stxr w5, w10, [x9]
            stxr w6, w10, [x9]
            add x9, x28, #16
            ldaxr x7, [x9]
            stlxr w8, x10, [x9]
            ldxr x11, [x9]
            add x12, x9, #8
            stxr w13, x10, [x12]
            stxr w14, x10, [x28, #0]
            brk #0
            """, Data());
        Assert.That(s.X[0], Is.EqualTo(0xA0UL));
        Assert.That(s.X[1], Is.EqualTo(0UL));
        Assert.That(s.X[3], Is.EqualTo(0UL));
        Assert.That(s.X[4], Is.EqualTo(0xABAA_A9A8UL));
        Assert.That((s.X[5], s.X[6]), Is.EqualTo((0UL, 1UL)));
        Assert.That(s.X[8], Is.EqualTo(0UL));
        Assert.That(s.X[11], Is.EqualTo(0x55UL));
        Assert.That(s.X[13], Is.EqualTo(1UL));
        Assert.That(s.X[14], Is.EqualTo(1UL));
    }

    [Test(Description = "clrex between ldxr and stxr makes the store fail")]
    public void ClrexMakesStoreFail()
    {
        var s = LoadStoreOracle.Check("""
            mov x10, #0x55
            ldxr x0, [x28]
            clrex
            stxr w1, x10, [x28]
            ldxr x2, [x28]
            stxr w3, x10, [x28]
            brk #0
            """, Data());
        Assert.That((s.X[1], s.X[3]), Is.EqualTo((1UL, 0UL)));
    }

    [Test(Description = "ldxp/stxp and ldaxp/stlxp of W and X pairs: halves map to Rt (lower address) and Rt2")]
    public void ExclusivePairs()
    {
        var s = LoadStoreOracle.Check("""
            mov x10, #0x1111
            mov x11, #0x2222
            ldxp w0, w1, [x28]
            stxp w2, w10, w11, [x28]
            add x9, x28, #16
            ldaxp x3, x4, [x9]
            stlxp w5, x11, x10, [x9]
            ldxp x6, x7, [x9]
            stxp w8, x10, x11, [x28]
            brk #0
            """, Data());
        Assert.That(s.X[0], Is.EqualTo(0xA3A2_A1A0UL));
        Assert.That(s.X[1], Is.EqualTo(0xA7A6_A5A4UL));
        Assert.That(s.X[2], Is.EqualTo(0UL));
        Assert.That(s.X[3], Is.EqualTo(0xB7B6_B5B4_B3B2_B1B0UL));
        Assert.That(s.X[4], Is.EqualTo(0xBFBE_BDBC_BBBA_B9B8UL));
        Assert.That(s.X[5], Is.EqualTo(0UL));
        Assert.That((s.X[6], s.X[7]), Is.EqualTo((0x2222UL, 0x1111UL)));
        Assert.That(s.X[8], Is.EqualTo(1UL));
    }

    [Test(Description = "ldar/stlr of every size, ldlar/stllr, with sp as base")]
    public void AcquireRelease()
    {
        var s = LoadStoreOracle.Check("""
            movn x10, #0
            ldarb w0, [x28]
            ldarh w1, [x28]
            ldar w2, [x28]
            ldar x3, [x28]
            add x9, x28, #0x40
            stlrb w10, [x9]
            stlrh w10, [x9, #0]
            add x11, x9, #8
            stlr w10, [x11]
            add x11, x9, #16
            stlr x10, [x11]
            ldlar x4, [x11]
            add x11, x9, #32
            stllr x3, [x11]
            sub sp, sp, #16
            stlr x3, [sp]
            ldar x5, [sp]
            add sp, sp, #16
            brk #0
            """, Data());
        Assert.That(s.X[0], Is.EqualTo(0xA0UL));
        Assert.That(s.X[1], Is.EqualTo(0xA1A0UL));
        Assert.That(s.X[5], Is.EqualTo(s.X[3]));
    }

    [Test(Description = "cas of every size: success stores and returns the old value; failure returns the current value and stores nothing")]
    public void CompareAndSwap()
    {
        var s = LoadStoreOracle.Check("""
            mov x10, #0x77
            mov w0, #0xa0
            casb w0, w10, [x28]
            mov w1, #0x12
            casab w1, w10, [x28]
            add x9, x28, #8
            mov w2, #0xa9a8
            movk w2, #0xabaa, lsl #16
            casl w2, w10, [x9]
            mov w3, #0
            casal w3, w10, [x9]
            add x9, x28, #16
            mov x4, #5
            cas x4, x10, [x9]
            mov w5, #0xa3a2
            add x9, x28, #2
            cash w5, w10, [x9]
            brk #0
            """, Data());
        Assert.That(s.X[0], Is.EqualTo(0xA0UL));
        Assert.That(s.X[1], Is.EqualTo(0x77UL));
        Assert.That(s.X[2], Is.EqualTo(0xABAA_A9A8UL));
        Assert.That(s.X[3], Is.EqualTo(0x77UL));
        Assert.That(s.X[4], Is.EqualTo(0xB7B6_B5B4_B3B2_B1B0UL));
        Assert.That(s.X[5], Is.EqualTo(0xA3A2UL));
    }

    [Test(Description = "casp of W and X pairs: success and failure")]
    public void CompareAndSwapPair()
    {
        var s = LoadStoreOracle.Check("""
            mov w0, #0xa3a2
            movk w0, #0xa1a0, lsl #16
            mov w1, #0
            mov w2, #0x10
            mov w3, #0x20
            casp w0, w1, w2, w3, [x28]
            add x9, x28, #16
            mov x4, #0
            mov x5, #0
            caspal x4, x5, x2, x3, [x9]
            ldp x6, x7, [x9]
            add x9, x28, #0x20
            ldp x10, x11, [x9]
            caspa x10, x11, x2, x3, [x9]
            ldp x12, x13, [x9]
            brk #0
            """, Data());
        Assert.That(s.X[4], Is.EqualTo(0xB7B6_B5B4_B3B2_B1B0UL));
        Assert.That(s.X[5], Is.EqualTo(0xBFBE_BDBC_BBBA_B9B8UL));
        Assert.That((s.X[12], s.X[13]), Is.EqualTo((0x10UL, 0x20UL)));
    }
}
