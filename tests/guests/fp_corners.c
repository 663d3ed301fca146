// fp_corners: scalar FP corner cases through inline assembly, each run under four FPCR settings
// (round to nearest; toward zero; flush-to-zero; default NaN) with FPSR cleared before and printed
// after every operation: NaN propagation (signalling beats quiet, first operand first), signed
// zeros, infinities, subnormal inputs and results, overflow, underflow, inexact, divide by zero,
// invalid, FMADD fusing, FMAX/FMIN/FMAXNM with NaNs and zeros, FCVTZS/FCVTZU saturation, FRINTX,
// half-precision conversion, and FCMP/FCMPE flags.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const uint64_t d[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff8000000000000ull,
    0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000001ull, 0x7ff0000000000002ull,
    0x0000000000000001ull, 0x000fffffffffffffull, 0x7fefffffffffffffull, 0x0010000000000000ull,
    0x4340000000000001ull, 0x41dfffffffc00000ull, 0xc3e0000000000001ull, 0x3fb999999999999aull,
};
#define ND (sizeof d / sizeof d[0])
static const uint32_t fpcrs[] = {0, 3u << 22, 1u << 24, 1u << 25};

static uint64_t fpsr_get(void) { uint64_t v; __asm__ volatile("mrs %0, fpsr" : "=r"(v)); return v; }
static void fpsr_clear(void) { __asm__ volatile("msr fpsr, xzr"); }
static void fpcr_set(uint64_t v) { __asm__ volatile("msr fpcr, %0" ::"r"(v)); }

#define BIN(name, insn)                                                                            \
    static uint64_t name(uint64_t x, uint64_t y) {                                              \
        uint64_t r;                                                                              \
        __asm__ volatile("fmov d0, %1\n fmov d1, %2\n " insn " d2, d0, d1\n fmov %0, d2"         \
                         : "=r"(r) : "r"(x), "r"(y) : "d0", "d1", "d2");                         \
        return r;                                                                                \
    }
BIN(f_add, "fadd") BIN(f_sub, "fsub") BIN(f_mul, "fmul") BIN(f_div, "fdiv")
BIN(f_max, "fmax") BIN(f_min, "fmin") BIN(f_maxnm, "fmaxnm") BIN(f_mulx, "fmulx")

static uint64_t f_madd(uint64_t x, uint64_t y, uint64_t z)
{
    uint64_t r;
    __asm__ volatile("fmov d0, %1\n fmov d1, %2\n fmov d3, %3\n fmadd d2, d0, d1, d3\n fmov %0, d2"
                     : "=r"(r) : "r"(x), "r"(y), "r"(z) : "d0", "d1", "d2", "d3");
    return r;
}

static uint64_t f_sqrt(uint64_t x) { uint64_t r; __asm__ volatile("fmov d0, %1\n fsqrt d1, d0\n fmov %0, d1" : "=r"(r) : "r"(x) : "d0", "d1"); return r; }
static uint64_t f_frintx(uint64_t x) { uint64_t r; __asm__ volatile("fmov d0, %1\n frintx d1, d0\n fmov %0, d1" : "=r"(r) : "r"(x) : "d0", "d1"); return r; }
static uint64_t f_cvtzs(uint64_t x) { uint64_t r; __asm__ volatile("fmov d0, %1\n fcvtzs w2, d0\n mov %w0, w2" : "=r"(r) : "r"(x) : "d0", "x2"); return r; }
static uint64_t f_cvtzu(uint64_t x) { uint64_t r; __asm__ volatile("fmov d0, %1\n fcvtzu x2, d0\n mov %0, x2" : "=r"(r) : "r"(x) : "d0", "x2"); return r; }
static uint64_t f_tos(uint64_t x) { uint64_t r; __asm__ volatile("fmov d0, %1\n fcvt s1, d0\n fmov %w0, s1" : "=r"(r) : "r"(x) : "d0", "d1"); return r; }
static uint64_t f_toh(uint64_t x) { uint64_t r; __asm__ volatile("fmov d0, %1\n fcvt h1, d0\n umov %w0, v1.h[0]" : "=r"(r) : "r"(x) : "d0", "d1"); return r; }
static uint64_t f_cmp(uint64_t x, uint64_t y) { uint64_t r; __asm__ volatile("fmov d0, %1\n fmov d1, %2\n fcmpe d0, d1\n mrs %0, nzcv" : "=r"(r) : "r"(x), "r"(y) : "d0", "d1", "cc"); return r >> 28; }

int main(void)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t m = 0; m < sizeof fpcrs / sizeof fpcrs[0]; m++) {
        fpcr_set(fpcrs[m]);
        printf("fpcr %08x\n", fpcrs[m]);
        for (size_t i = 0; i < ND; i++) {
            for (size_t j = 0; j < ND; j++) {
                uint64_t x = d[i], y = d[j], r[10], s[10];
#define RUN(k, e) do { fpsr_clear(); r[k] = (e); s[k] = fpsr_get(); } while (0)
                RUN(0, f_add(x, y)); RUN(1, f_sub(x, y)); RUN(2, f_mul(x, y)); RUN(3, f_div(x, y));
                RUN(4, f_max(x, y)); RUN(5, f_min(x, y)); RUN(6, f_maxnm(x, y)); RUN(7, f_mulx(x, y));
                RUN(8, f_madd(x, y, d[(i + j) % ND])); RUN(9, f_cmp(x, y));
                for (int k = 0; k < 10; k++) h = ((h ^ r[k]) * 0x100000001b3ull) ^ s[k];
                if (j == i || j == (i + 5) % ND)
                    printf(" %2zu,%2zu add %016llx/%02llx mul %016llx/%02llx div %016llx/%02llx fma %016llx/%02llx max %016llx cmp %llx/%02llx\n",
                           i, j, (unsigned long long)r[0], (unsigned long long)s[0], (unsigned long long)r[2], (unsigned long long)s[2],
                           (unsigned long long)r[3], (unsigned long long)s[3], (unsigned long long)r[8], (unsigned long long)s[8],
                           (unsigned long long)r[4], (unsigned long long)r[9], (unsigned long long)s[9]);
            }
            uint64_t u[6], t[6];
            fpsr_clear(); u[0] = f_sqrt(d[i]); t[0] = fpsr_get();
            fpsr_clear(); u[1] = f_frintx(d[i]); t[1] = fpsr_get();
            fpsr_clear(); u[2] = f_cvtzs(d[i]); t[2] = fpsr_get();
            fpsr_clear(); u[3] = f_cvtzu(d[i]); t[3] = fpsr_get();
            fpsr_clear(); u[4] = f_tos(d[i]); t[4] = fpsr_get();
            fpsr_clear(); u[5] = f_toh(d[i]); t[5] = fpsr_get();
            printf(" %2zu sqrt %016llx/%02llx frintx %016llx/%02llx cvtzs %08llx/%02llx cvtzu %016llx/%02llx s %08llx/%02llx h %04llx/%02llx\n",
                   i, (unsigned long long)u[0], (unsigned long long)t[0], (unsigned long long)u[1], (unsigned long long)t[1],
                   (unsigned long long)u[2], (unsigned long long)t[2], (unsigned long long)u[3], (unsigned long long)t[3],
                   (unsigned long long)u[4], (unsigned long long)t[4], (unsigned long long)u[5], (unsigned long long)t[5]);
        }
    }
    fpcr_set(0);
    printf("all %016llx\n", (unsigned long long)h);
    return 0;
}
