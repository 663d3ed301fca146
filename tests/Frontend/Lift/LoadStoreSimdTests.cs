using A64Jit.Tests.Support;

namespace A64Jit.Tests.Frontend.Lift;

[TestFixture]
public class LoadStoreSimdTests
{
    static byte[] Data()
    {
        var d = new byte[0x10000];
        for (int k = 0; k < 0x1000; k++)
            d[k] = (byte)k;
        return d;
    }

    [Test(Description = "ldr/str of b/h/s/d/q: unsigned offset extremes, unscaled, pre/post, register offset; loads zero the rest")]
    public void RegisterLoadsAndStores()
    {
        var s = LoadStoreOracle.Check("""
            ldr b0, [x28, #4095]
            ldr h1, [x28, #2]
            ldr s2, [x28, #4]
            ldr d3, [x28, #8]
            ldr q4, [x28, #16]
            add x9, x28, #0x800
            ldur q5, [x9, #-256]
            ldur d6, [x9, #255]
            ldr q7, [x9, #16]!
            ldr s8, [x9], #-4
            mov x10, #-2
            ldr h9, [x9, x10, lsl #1]
            ldr q10, [x9, w10, sxtw #4]
            ldr b11, [x9, w10, sxtw]
            str q4, [x28, #0x1000]
            str b4, [x28, #0xf00]
            str h4, [x28, #0xf02]
            str s4, [x28, #0xf04]
            str d4, [x28, #0xf08]
            stur q7, [x9, #-1]
            str q5, [x9, #-32]!
            str d5, [x9], #8
            sub x12, x28, #0x10, lsl #12
            add x12, x12, #0x10, lsl #12
            ldr q12, [x12, #65520]
            brk #0
            """, Data());
        Assert.That(s.V[0], Is.EqualTo((UInt128)0xFF));
        Assert.That(s.V[4], Is.EqualTo(new UInt128(0x1F1E_1D1C_1B1A_1918UL, 0x1716_1514_1312_1110UL)));
        Assert.That(s.V[3], Is.EqualTo((UInt128)0x0F0E_0D0C_0B0A_0908UL));
    }

    [Test(Description = "ldp/stp/ldnp/stnp of s/d/q at imm7 extremes, with sp as base and writeback")]
    public void Pairs()
    {
        var s = LoadStoreOracle.Check("""
            add x9, x28, #0x800
            ldp q0, q1, [x9, #-1024]
            ldp q2, q3, [x9, #1008]
            ldp d4, d5, [x9, #-512]!
            ldp s6, s7, [x9], #252
            ldnp q8, q9, [x9, #-16]
            ldnp d10, d11, [x9, #504]
            ldnp s12, s13, [x9, #-256]
            stp q0, q3, [sp, #-32]!
            stp d4, d5, [sp, #-16]!
            ldp q14, q15, [sp, #16]
            ldp d16, d17, [sp], #48
            stnp q8, q9, [x28, #0x200]
            stnp s12, s13, [x28, #0xfc]
            stp q2, q1, [x28, #0x300]
            brk #0
            """, Data());
        Assert.That(s.V[14], Is.EqualTo(s.V[0]));
        Assert.That(s.Sp, Is.EqualTo(AsmRunner.StackTop));
    }

    [Test(Description = "ld1-ld4/st1-st4 (multiple structures) de-interleave and interleave, 8B/16B/4H/8H/2S/4S/1D/2D, post-index by imm and register")]
    public void MultipleStructures()
    {
        var s = LoadStoreOracle.Check("""
            ld1 {v0.16b}, [x28]
            ld1 {v1.8b, v2.8b}, [x28]
            ld1 {v3.4s, v4.4s, v5.4s}, [x28]
            ld1 {v6.1d, v7.1d, v8.1d, v9.1d}, [x28]
            ld2 {v10.8h, v11.8h}, [x28]
            ld3 {v12.8b, v13.8b, v14.8b}, [x28]
            ld4 {v16.4s, v17.4s, v18.4s, v19.4s}, [x28]
            ld2 {v20.2d, v21.2d}, [x28]
            add x9, x28, #0x100
            ld4 {v22.16b, v23.16b, v24.16b, v25.16b}, [x9], #64
            mov x10, #32
            ld3 {v26.4h, v27.4h, v28.4h}, [x9], x10
            ld1 {v30.2s, v31.2s}, [x9], #16
            add x11, x28, #0x400
            st1 {v0.16b}, [x11], #16
            st2 {v10.8h, v11.8h}, [x11], #32
            st3 {v12.8b, v13.8b, v14.8b}, [x11], x10
            st4 {v16.4s, v17.4s, v18.4s, v19.4s}, [x11]
            add x11, x28, #0x600
            st4 {v22.8b, v23.8b, v24.8b, v25.8b}, [x11], #32
            st1 {v3.2d, v4.2d, v5.2d, v6.2d}, [x11], #64
            st3 {v26.2s, v27.2s, v28.2s}, [x11]
            mov x12, sp
            sub sp, sp, #64
            st1 {v1.8b, v2.8b}, [sp]
            ld2 {v29.4s, v30.4s}, [sp], #32
            add sp, sp, #32
            brk #0
            """, Data());
        // ld2 .8h: v10 gets halfwords 0, 2, 4, ... (bytes 0-1, 4-5, ...).
        Assert.That((ulong)s.V[10], Is.EqualTo(0x0D0C_0908_0504_0100UL));
        Assert.That((ulong)s.V[12], Is.EqualTo(0x1512_0F0C_0906_0300UL));
        Assert.That(s.V[12] >> 64, Is.EqualTo((UInt128)0));
    }

    [Test(Description = "ld1-ld4/st1-st4 (single structure) of b/h/s/d lanes at the lowest and highest index; ld1r-ld4r replicate")]
    public void SingleStructuresAndReplicate()
    {
        var s = LoadStoreOracle.Check("""
            ld1 {v0.16b}, [x28]
            ld1 {v1.16b}, [x28]
            ld1 {v2.16b}, [x28]
            ld1 {v3.16b}, [x28]
            add x9, x28, #0x80
            ld1 {v0.b}[15], [x9]
            ld1 {v1.b}[0], [x9], #1
            ld2 {v0.h, v1.h}[7], [x9]
            ld3 {v1.s, v2.s, v3.s}[3], [x9], #12
            ld4 {v0.d, v1.d, v2.d, v3.d}[1], [x9]
            mov x10, #3
            ld2 {v2.s, v3.s}[0], [x9], x10
            ld1r {v4.16b}, [x9]
            ld1r {v5.4h}, [x9], #2
            ld2r {v6.4s, v7.4s}, [x9]
            ld3r {v8.1d, v9.1d, v10.1d}, [x9], #24
            ld4r {v11.8h, v12.8h, v13.8h, v14.8h}, [x9], x10
            ld4r {v15.2s, v16.2s, v17.2s, v18.2s}, [x9]
            add x11, x28, #0x400
            st1 {v0.b}[15], [x11], #1
            st1 {v1.d}[1], [x11]
            st2 {v0.h, v1.h}[7], [x11], #4
            st3 {v1.s, v2.s, v3.s}[2], [x11], x10
            st4 {v0.b, v1.b, v2.b, v3.b}[9], [x11], #4
            st4 {v12.d, v13.d, v14.d, v15.d}[0], [x11]
            brk #0
            """, Data());
        Assert.That(s.V[4], Is.EqualTo(new UInt128(0x9090_9090_9090_9090UL, 0x9090_9090_9090_9090UL)));
    }
}
