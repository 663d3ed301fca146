// loadstore: every A64 integer load/store form through inline asm: LDRB/LDRSB/LDRH/LDRSH/LDR(W)/
// LDRSW/LDR(X) and STRB/STRH/STR with unsigned-offset, unscaled (LDUR/STUR), pre-index and
// post-index writeback, register offsets with LSL/UXTW/SXTW/SXTX extends, LDP/STP (W, X, LDPSW)
// in offset/pre/post forms, LDNP/STNP, PC-relative literal loads, LDTR/STTR, LDAR/STLR family,
// SIMD&FP register loads/stores (B/H/S/D/Q, LDP Q), plus unaligned accesses and PRFM.
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static uint8_t buf[1024] __attribute__((aligned(16)));
static uint64_t sum;
static void mix(uint64_t v) { sum = (sum ^ v) * 0x100000001b3ull; }
static void rep(const char *what, uint64_t v) {
    printf("%-22s %016llx\n", what, (unsigned long long)v);
    mix(v);
}
static void fill(void) {
    for (int i = 0; i < 1024; i++) buf[i] = (uint8_t)(i * 37 + 0x81);
}
static uint64_t bufsum(void) {
    uint64_t h = 0;
    for (int i = 0; i < 1024; i++) h = (h * 131) ^ buf[i];
    return h;
}

#define LD(insn, name)                                                                          \
    do {                                                                                       \
        uint64_t r;                                                                            \
        __asm__ volatile(insn : "=&r"(r) : "r"(base) : "memory");                              \
        rep(name, r);                                                                          \
    } while (0)

int main(void) {
    fill();
    uint8_t *base = buf + 512;

    // unsigned offset, scaled immediates
    LD("ldrb  %w0, [%1, #3]", "ldrb imm");
    LD("ldrsb %w0, [%1, #3]", "ldrsb w imm");
    LD("ldrsb %0, [%1, #3]", "ldrsb x imm");
    LD("ldrh  %w0, [%1, #6]", "ldrh imm");
    LD("ldrsh %w0, [%1, #6]", "ldrsh w imm");
    LD("ldrsh %0, [%1, #6]", "ldrsh x imm");
    LD("ldr   %w0, [%1, #12]", "ldr w imm");
    LD("ldrsw %0, [%1, #12]", "ldrsw imm");
    LD("ldr   %0, [%1, #24]", "ldr x imm");
    LD("ldr   %0, [%1, #4088 - 4088 + 184]", "ldr x imm big");
    // unscaled, negative and odd offsets
    LD("ldurb  %w0, [%1, #-1]", "ldurb -1");
    LD("ldursb %0, [%1, #-3]", "ldursb x -3");
    LD("ldursb %w0, [%1, #-3]", "ldursb w -3");
    LD("ldurh  %w0, [%1, #-7]", "ldurh -7");
    LD("ldursh %0, [%1, #-5]", "ldursh x -5");
    LD("ldursh %w0, [%1, #-5]", "ldursh w -5");
    LD("ldur   %w0, [%1, #-9]", "ldur w -9");
    LD("ldursw %0, [%1, #-13]", "ldursw -13");
    LD("ldur   %0, [%1, #-64]", "ldur x -64");
    LD("ldur   %0, [%1, #255]", "ldur x 255 (unaligned)");
    LD("ldr    %0, [%1, #1]", "ldr x +1 (unaligned)");
    LD("ldtr   %0, [%1, #8]", "ldtr x");
    LD("ldtrsb %0, [%1, #9]", "ldtrsb x");
    LD("ldtrsh %w0, [%1, #10]", "ldtrsh w");
    LD("prfm pldl1keep, [%1, #64]\n\tldrb %w0, [%1]", "prfm+ldrb");

    // register offsets with extends
    {
        uint64_t r, idx = 5;
        int64_t neg = -3;
        __asm__ volatile("ldrb %w0, [%1, %2]" : "=r"(r) : "r"(base), "r"(idx)); rep("ldrb reg", r);
        __asm__ volatile("ldrsb %0, [%1, %w2, sxtw]" : "=r"(r) : "r"(base), "r"(neg)); rep("ldrsb sxtw", r);
        __asm__ volatile("ldrh %w0, [%1, %2, lsl #1]" : "=r"(r) : "r"(base), "r"(idx)); rep("ldrh lsl1", r);
        __asm__ volatile("ldrsh %w0, [%1, %w2, sxtw #1]" : "=r"(r) : "r"(base), "r"(neg)); rep("ldrsh sxtw1", r);
        __asm__ volatile("ldr %w0, [%1, %w2, uxtw #2]" : "=r"(r) : "r"(base), "r"(idx)); rep("ldr w uxtw2", r);
        __asm__ volatile("ldrsw %0, [%1, %w2, sxtw #2]" : "=r"(r) : "r"(base), "r"(neg)); rep("ldrsw sxtw2", r);
        __asm__ volatile("ldr %0, [%1, %2, lsl #3]" : "=r"(r) : "r"(base), "r"(idx)); rep("ldr x lsl3", r);
        __asm__ volatile("ldr %0, [%1, %2, sxtx #3]" : "=r"(r) : "r"(base), "r"(neg)); rep("ldr x sxtx3", r);
        __asm__ volatile("ldr %0, [%1, %2, sxtx]" : "=r"(r) : "r"(base), "r"(neg)); rep("ldr x sxtx0", r);
        uint64_t hi_idx = 0xffffffff00000004ull; // uxtw drops the top half
        __asm__ volatile("ldr %0, [%1, %w2, uxtw]" : "=r"(r) : "r"(base), "r"(hi_idx)); rep("ldr x uxtw0", r);
        __asm__ volatile("ldrb %w0, [%1, %w2, uxtw]" : "=r"(r) : "r"(base), "r"(hi_idx)); rep("ldrb uxtw", r);
    }

    // pre/post index writeback
    {
        uint64_t r; uint8_t *p = base;
        __asm__ volatile("ldrb %w0, [%1, #1]!" : "=r"(r), "+r"(p)); rep("ldrb pre", r); rep("  base", p - buf);
        __asm__ volatile("ldrsh %0, [%1], #-2" : "=r"(r), "+r"(p)); rep("ldrsh post", r); rep("  base", p - buf);
        __asm__ volatile("ldr %w0, [%1, #-8]!" : "=r"(r), "+r"(p)); rep("ldr w pre", r); rep("  base", p - buf);
        __asm__ volatile("ldrsw %0, [%1], #17" : "=r"(r), "+r"(p)); rep("ldrsw post", r); rep("  base", p - buf);
        __asm__ volatile("ldr %0, [%1, #255]!" : "=r"(r), "+r"(p)); rep("ldr x pre 255", r); rep("  base", p - buf);
        __asm__ volatile("ldr %0, [%1], #-256" : "=r"(r), "+r"(p)); rep("ldr x post -256", r); rep("  base", p - buf);
        __asm__ volatile("ldrsb %w0, [%1], #3" : "=r"(r), "+r"(p)); rep("ldrsb w post", r); rep("  base", p - buf);
        __asm__ volatile("ldrh %w0, [%1, #-1]!" : "=r"(r), "+r"(p)); rep("ldrh pre", r); rep("  base", p - buf);
    }

    // stores of every size, all addressing forms
    {
        uint64_t v = 0x1122334455667788ull, idx = 3; uint8_t *p = base;
        __asm__ volatile("strb %w1, [%0, #1]" :: "r"(base), "r"(v) : "memory");
        __asm__ volatile("strh %w1, [%0, #4]" :: "r"(base), "r"(v) : "memory");
        __asm__ volatile("str %w1, [%0, #8]" :: "r"(base), "r"(v) : "memory");
        __asm__ volatile("str %1, [%0, #16]" :: "r"(base), "r"(v) : "memory");
        __asm__ volatile("sturb %w1, [%0, #-1]" :: "r"(base), "r"(v + 1) : "memory");
        __asm__ volatile("sturh %w1, [%0, #-5]" :: "r"(base), "r"(v + 2) : "memory");
        __asm__ volatile("stur %w1, [%0, #-11]" :: "r"(base), "r"(v + 3) : "memory");
        __asm__ volatile("stur %1, [%0, #-23]" :: "r"(base), "r"(v + 4) : "memory");
        __asm__ volatile("strb %w1, [%0, %2]" :: "r"(base), "r"(v), "r"(idx + 40) : "memory");
        __asm__ volatile("strh %w1, [%0, %2, lsl #1]" :: "r"(base), "r"(~v), "r"(idx + 20) : "memory");
        __asm__ volatile("str %w1, [%0, %w2, sxtw #2]" :: "r"(base), "r"(v * 3), "r"(-idx) : "memory");
        __asm__ volatile("str %1, [%0, %w2, uxtw #3]" :: "r"(base), "r"(v * 5), "r"(idx + 6) : "memory");
        __asm__ volatile("sttr %1, [%0, #100]" :: "r"(base), "r"(v * 7) : "memory");
        __asm__ volatile("sttrb %w1, [%0, #99]" :: "r"(base), "r"(v * 7) : "memory");
        __asm__ volatile("strb %w1, [%0, #-30]!" : "+r"(p) : "r"(v ^ 0xaa) : "memory"); rep("strb pre base", p - buf);
        __asm__ volatile("strh %w1, [%0], #5" : "+r"(p) : "r"(v ^ 0xbbbb) : "memory"); rep("strh post base", p - buf);
        __asm__ volatile("str %w1, [%0, #3]!" : "+r"(p) : "r"(v ^ 0xcccc) : "memory"); rep("str w pre base", p - buf);
        __asm__ volatile("str %1, [%0], #-9" : "+r"(p) : "r"(v ^ 0xdddd) : "memory"); rep("str x post base", p - buf);
        rep("after stores", bufsum());
        printf("bytes:");
        for (int i = 0; i < 128; i++) printf("%s%02x", i % 32 ? "" : "\n  ", buf[i + 464]);
        printf("\n");
    }

    // pairs
    fill();
    {
        uint64_t a, b; uint8_t *p = base;
        __asm__ volatile("ldp %w0, %w1, [%2, #8]" : "=&r"(a), "=&r"(b) : "r"(base)); rep("ldp w a", a); rep("ldp w b", b);
        __asm__ volatile("ldpsw %0, %1, [%2, #-8]" : "=&r"(a), "=&r"(b) : "r"(base)); rep("ldpsw a", a); rep("ldpsw b", b);
        __asm__ volatile("ldp %0, %1, [%2, #-512]" : "=&r"(a), "=&r"(b) : "r"(base + 512)); rep("ldp x -512 a", a); rep("ldp x -512 b", b);
        __asm__ volatile("ldnp %0, %1, [%2, #16]" : "=&r"(a), "=&r"(b) : "r"(base)); rep("ldnp a", a); rep("ldnp b", b);
        __asm__ volatile("ldp %0, %1, [%2, #16]!" : "=&r"(a), "=&r"(b), "+r"(p)); rep("ldp pre a", a); rep("ldp pre b", b); rep("  base", p - buf);
        __asm__ volatile("ldp %w0, %w1, [%2], #-24" : "=&r"(a), "=&r"(b), "+r"(p)); rep("ldp w post a", a); rep("ldp w post b", b); rep("  base", p - buf);
        __asm__ volatile("ldpsw %0, %1, [%2, #4]!" : "=&r"(a), "=&r"(b), "+r"(p)); rep("ldpsw pre a", a); rep("ldpsw pre b", b); rep("  base", p - buf);
        a = 0x0102030405060708ull; b = 0xf0e0d0c0b0a09080ull;
        __asm__ volatile("stp %1, %2, [%0, #-16]!" : "+r"(p) : "r"(a), "r"(b) : "memory"); rep("stp pre base", p - buf);
        __asm__ volatile("stp %w1, %w2, [%0], #40" : "+r"(p) : "r"(a), "r"(b) : "memory"); rep("stp w post base", p - buf);
        __asm__ volatile("stp %1, %2, [%0, #8]" :: "r"(p), "r"(b), "r"(a) : "memory");
        __asm__ volatile("stnp %w1, %w2, [%0, #-4]" :: "r"(p), "r"(b), "r"(a) : "memory");
        // the same register as both halves and xzr
        __asm__ volatile("stp xzr, %1, [%0, #32]" :: "r"(p), "r"(a) : "memory");
        rep("after pairs", bufsum());
    }

    // acquire/release and literal
    {
        uint64_t r, v = 0xdeadbeefcafef00dull; uint8_t *p = base + 128;
        __asm__ volatile("stlr %1, [%0]" :: "r"(p), "r"(v) : "memory");
        __asm__ volatile("ldar %0, [%1]" : "=r"(r) : "r"(p) : "memory"); rep("ldar x", r);
        __asm__ volatile("stlrb %w1, [%0]" :: "r"(p), "r"(v >> 8) : "memory");
        __asm__ volatile("ldarb %w0, [%1]" : "=r"(r) : "r"(p) : "memory"); rep("ldarb", r);
        __asm__ volatile("stlrh %w1, [%0]" :: "r"(p), "r"(v >> 16) : "memory");
        __asm__ volatile("ldarh %w0, [%1]" : "=r"(r) : "r"(p) : "memory"); rep("ldarh", r);
        __asm__ volatile("stlr %w1, [%0]" :: "r"(p), "r"(v >> 24) : "memory");
        __asm__ volatile("ldar %w0, [%1]" : "=r"(r) : "r"(p) : "memory"); rep("ldar w", r);
        __asm__ volatile("ldr %0, [%1]" : "=r"(r) : "r"(p) : "memory"); rep("after rel stores", r);
        __asm__ volatile("ldr %0, 1f\n\tb 2f\n\t.balign 8\n1:\t.quad 0x0123456789abcdef\n2:" : "=r"(r)); rep("ldr x literal", r);
        __asm__ volatile("ldr %w0, 1f\n\tb 2f\n\t.balign 4\n1:\t.word 0x89abcdef\n2:" : "=r"(r)); rep("ldr w literal", r);
        __asm__ volatile("ldrsw %0, 1f\n\tb 2f\n\t.balign 4\n1:\t.word 0x89abcdef\n2:" : "=r"(r)); rep("ldrsw literal", r);
        uint64_t adr;
        __asm__ volatile("adr %0, 1f\n\tadr %1, 2f\n\tsub %0, %1, %0\n1:\tnop\n\tnop\n2:" : "=r"(r), "=r"(adr)); rep("adr diff", r);
    }

    // SIMD & FP register loads and stores
    {
        uint64_t lo, hi; uint8_t *p = base;
        __asm__ volatile("ldr b0, [%2, #5]\n\tfmov %0, d0\n\tmov %1, xzr" : "=r"(lo), "=r"(hi) : "r"(base) : "v0"); rep("ldr b", lo);
        __asm__ volatile("ldr h0, [%2, #6]\n\tfmov %0, d0\n\tmov %1, xzr" : "=r"(lo), "=r"(hi) : "r"(base) : "v0"); rep("ldr h", lo);
        __asm__ volatile("ldr s0, [%2, #12]\n\tfmov %0, d0\n\tmov %1, xzr" : "=r"(lo), "=r"(hi) : "r"(base) : "v0"); rep("ldr s", lo);
        __asm__ volatile("ldur d0, [%2, #-3]\n\tfmov %0, d0\n\tmov %1, v0.d[1]" : "=r"(lo), "=r"(hi) : "r"(base) : "v0"); rep("ldur d", lo); rep("  hi zeroed", hi);
        __asm__ volatile("ldr q0, [%2, #32]\n\tfmov %0, d0\n\tmov %1, v0.d[1]" : "=r"(lo), "=r"(hi) : "r"(base) : "v0"); rep("ldr q lo", lo); rep("ldr q hi", hi);
        __asm__ volatile("ldr q0, [%2, %3, lsl #4]\n\tfmov %0, d0\n\tmov %1, v0.d[1]" : "=r"(lo), "=r"(hi) : "r"(base), "r"(3ull) : "v0"); rep("ldr q reg lo", lo); rep("ldr q reg hi", hi);
        __asm__ volatile("ldp q0, q1, [%2, #-32]\n\tfmov %0, d1\n\tmov %1, v0.d[1]" : "=r"(lo), "=r"(hi) : "r"(base) : "v0", "v1"); rep("ldp q d1", lo); rep("ldp q v0.d1", hi);
        __asm__ volatile("ldp s0, s1, [%2, #4]!\n\tfmov %w0, s0\n\tfmov %w1, s1" : "=r"(lo), "=r"(hi), "+r"(p) :: "v0", "v1"); rep("ldp s pre a", lo); rep("ldp s pre b", hi); rep("  base", p - buf);
        __asm__ volatile("ldp d0, d1, [%2], #16\n\tfmov %0, d0\n\tfmov %1, d1" : "=r"(lo), "=r"(hi), "+r"(p) :: "v0", "v1"); rep("ldp d post a", lo); rep("ldp d post b", hi); rep("  base", p - buf);
        __asm__ volatile("ldr q2, [%0]\n\tstr q2, [%0, #-80]!\n\tstur d2, [%0, #3]\n\tstr s2, [%0, #50]\n\tstr h2, [%0, #61]\n\tstr b2, [%0, #-1]\n\tstp q2, q2, [%0, #96]"
                         : "+r"(p) :: "v2", "memory");
        rep("  base", p - buf);
        rep("after simd stores", bufsum());
    }
    printf("checksum: %016llx\n", (unsigned long long)sum);
    return (int)(sum % 200) + 1;
}
