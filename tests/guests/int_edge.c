// int_edge: integer edge cases: wrapping add/sub/mul, signed overflow builtins, division by zero
// and INT_MIN / -1 (AArch64 defines both: x/0 == 0, INT_MIN/-1 == INT_MIN), remainders,
// shifts by variable amounts (including >= width masking via volatile), clz/ctz/popcount/bswap/
// rbit-style builtins, 128-bit multiply (umulh/smulh), bitfields, extends, conditional selects.
#include <stdio.h>
#include <stdint.h>
#include <limits.h>

static uint64_t sum;
static void mix(uint64_t v) { sum = (sum ^ v) * 0x100000001b3ull; }

#define P(fmt, ...) do { printf(fmt "\n", __VA_ARGS__); } while (0)

struct bits {
    unsigned a : 3;
    signed b : 5;
    unsigned c : 12;
    signed d : 7;
    unsigned long long e : 37;
};

__attribute__((noinline)) static int32_t sdiv32(int32_t a, int32_t b) {
    int32_t r;
    __asm__ volatile("sdiv %w0, %w1, %w2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
__attribute__((noinline)) static uint32_t udiv32(uint32_t a, uint32_t b) {
    uint32_t r;
    __asm__ volatile("udiv %w0, %w1, %w2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
__attribute__((noinline)) static int64_t sdiv64(int64_t a, int64_t b) {
    int64_t r;
    __asm__ volatile("sdiv %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
__attribute__((noinline)) static uint64_t udiv64(uint64_t a, uint64_t b) {
    uint64_t r;
    __asm__ volatile("udiv %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
__attribute__((noinline)) static uint64_t rbit64(uint64_t a) {
    uint64_t r;
    __asm__ volatile("rbit %0, %1" : "=r"(r) : "r"(a));
    return r;
}
__attribute__((noinline)) static uint64_t shift_reg(uint64_t v, uint64_t s, int kind) {
    uint64_t r;
    // register shifts use the amount modulo the width
    switch (kind) {
    case 0: __asm__ volatile("lsl %0, %1, %2" : "=r"(r) : "r"(v), "r"(s)); break;
    case 1: __asm__ volatile("lsr %0, %1, %2" : "=r"(r) : "r"(v), "r"(s)); break;
    case 2: __asm__ volatile("asr %0, %1, %2" : "=r"(r) : "r"(v), "r"(s)); break;
    default: __asm__ volatile("ror %0, %1, %2" : "=r"(r) : "r"(v), "r"(s)); break;
    }
    return r;
}
__attribute__((noinline)) static uint32_t shift_reg32(uint32_t v, uint32_t s, int kind) {
    uint32_t r;
    switch (kind) {
    case 0: __asm__ volatile("lsl %w0, %w1, %w2" : "=r"(r) : "r"(v), "r"(s)); break;
    case 1: __asm__ volatile("lsr %w0, %w1, %w2" : "=r"(r) : "r"(v), "r"(s)); break;
    case 2: __asm__ volatile("asr %w0, %w1, %w2" : "=r"(r) : "r"(v), "r"(s)); break;
    default: __asm__ volatile("ror %w0, %w1, %w2" : "=r"(r) : "r"(v), "r"(s)); break;
    }
    return r;
}

int main(void) {
    volatile int32_t imin = INT_MIN, m1 = -1, zero = 0, seven = 7, mseven = -7, two = 2;
    volatile int64_t lmin = LLONG_MIN, lm1 = -1, lzero = 0;
    volatile uint32_t umax = UINT_MAX;
    volatile uint64_t ulmax = ULLONG_MAX;

    // wrapping arithmetic
    uint32_t u = umax; u += 1; P("u32 wrap add: %u", u);
    uint64_t ul = ulmax; ul += 2; P("u64 wrap add: %llu", (unsigned long long)ul);
    uint32_t us = 0; us -= (uint32_t)seven; P("u32 wrap sub: %u", us);
    P("u32 wrap mul: %u", (uint32_t)(umax * (uint32_t)seven));
    P("u64 wrap mul: %llu", (unsigned long long)(ulmax * (uint64_t)seven));

    int r32; long long r64;
    P("add_overflow(INT_MAX,1): %d", __builtin_add_overflow(INT_MAX - 1 + (int)two - 1, 1, &r32));
    P("  result %d", r32);
    P("sub_overflow(INT_MIN,1): %d", __builtin_sub_overflow((int)imin, 1, &r32));
    P("  result %d", r32);
    P("mul_overflow(0x10000,0x10000): %d", __builtin_mul_overflow(0x10000 * (int)two / 2, 0x10000, &r32));
    P("  result %d", r32);
    P("mul_overflow64(LLONG_MIN,-1): %d", __builtin_mul_overflow((long long)lmin, (long long)lm1, &r64));
    P("  result %lld", r64);
    unsigned ur;
    P("uadd_overflow(UINT_MAX,1): %d", __builtin_add_overflow((unsigned)umax, 1u, &ur));
    P("usub_overflow(0,1): %d", __builtin_sub_overflow(0u * (unsigned)two, 1u, &ur));
    P("  result %u", ur);

    // division edge cases (AArch64: no trap)
    P("sdiv32 INT_MIN/-1 = %d", sdiv32(imin, m1));
    P("sdiv32 7/0 = %d", sdiv32(seven, zero));
    P("udiv32 UINT_MAX/0 = %u", udiv32(umax, zero));
    P("sdiv32 -7/2 = %d", sdiv32(mseven, two));
    P("sdiv64 LLONG_MIN/-1 = %lld", (long long)sdiv64(lmin, lm1));
    P("sdiv64 LLONG_MIN/0 = %lld", (long long)sdiv64(lmin, lzero));
    P("udiv64 ULLONG_MAX/3 = %llu", (unsigned long long)udiv64(ulmax, 3));
    P("udiv64 ULLONG_MAX/0 = %llu", (unsigned long long)udiv64(ulmax, 0));
    P("C: -7/2=%d -7%%2=%d 7/-2=%d 7%%-2=%d", mseven / two, mseven % two, seven / -two, seven % -two);
    P("C: INT_MIN%%-1 via msub = %d", imin - sdiv32(imin, m1) * m1);

    // shifts
    uint64_t v = 0x8123456789abcdefull;
    for (int k = 0; k < 4; k++) {
        uint64_t amts[] = {0, 1, 4, 31, 32, 63, 64, 65, 127, 200};
        printf("shift64 kind %d:", k);
        for (unsigned i = 0; i < sizeof amts / sizeof amts[0]; i++) {
            uint64_t r = shift_reg(v, amts[i], k);
            printf(" %llx", (unsigned long long)r);
            mix(r);
        }
        printf("\n");
        printf("shift32 kind %d:", k);
        for (unsigned i = 0; i < sizeof amts / sizeof amts[0]; i++) {
            uint32_t r = shift_reg32((uint32_t)v ^ 0x80000000u, (uint32_t)amts[i], k);
            printf(" %x", r);
            mix(r);
        }
        printf("\n");
    }
    volatile int sh = 5;
    P("C shifts: %d %d %u %lld", imin >> sh, mseven >> 1, umax >> sh, (long long)lmin >> 63);

    // bit builtins
    uint64_t vals[] = {1, 0x80000000ull, 0xffffffffull, 0x100000000ull, 0x8000000000000000ull,
                       0x0123456789abcdefull, 0xf0f0f0f0f0f0f0f0ull, 0x10ull};
    for (unsigned i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        volatile uint64_t x = vals[i];
        uint32_t x32 = (uint32_t)x;
        printf("%016llx clz=%d ctz=%d pop=%d clrsb=%d bswap=%016llx rbit=%016llx",
               (unsigned long long)x, __builtin_clzll(x), __builtin_ctzll(x),
               __builtin_popcountll(x), __builtin_clrsbll((long long)x),
               (unsigned long long)__builtin_bswap64(x), (unsigned long long)rbit64(x));
        if (x32)
            printf(" | clz32=%d ctz32=%d", __builtin_clz(x32), __builtin_ctz(x32));
        printf(" pop32=%d bswap32=%08x bswap16=%04x parity=%d\n", __builtin_popcount(x32),
               __builtin_bswap32(x32), __builtin_bswap16((uint16_t)x32), __builtin_parityll(x));
    }

    // 128-bit multiply
    volatile uint64_t a = 0xfedcba9876543210ull, b = 0x0123456789abcdefull;
    unsigned __int128 p = (unsigned __int128)a * b;
    P("u128 mul: hi=%016llx lo=%016llx", (unsigned long long)(p >> 64), (unsigned long long)p);
    __int128 sp = (__int128)(int64_t)a * (int64_t)b;
    P("s128 mul: hi=%016llx lo=%016llx", (unsigned long long)((unsigned __int128)sp >> 64),
      (unsigned long long)sp);
    unsigned __int128 q = p / 0x12345;
    P("u128 div: hi=%016llx lo=%016llx rem=%llu", (unsigned long long)(q >> 64),
      (unsigned long long)q, (unsigned long long)(p % 0x12345));
    __int128 big = ((__int128)1 << 100) - 12345;
    big = -big;
    P("s128 neg>>7: %016llx %016llx", (unsigned long long)((unsigned __int128)(big >> 7) >> 64),
      (unsigned long long)(big >> 7));

    // bitfields
    struct bits bf = {0};
    volatile int src = -3;
    for (int i = 0; i < 40; i++) {
        bf.a += i;
        bf.b = src * i;
        bf.c ^= (unsigned)(i * 0x155);
        bf.d = (signed char)(bf.b * 3 + bf.a);
        bf.e = bf.e * 3 + (unsigned)i + ((unsigned long long)bf.c << 20);
        mix(bf.a); mix((uint64_t)(int64_t)bf.b); mix(bf.c); mix((uint64_t)(int64_t)bf.d); mix(bf.e);
    }
    P("bitfields: a=%u b=%d c=%u d=%d e=%llx", bf.a, bf.b, bf.c, bf.d, (unsigned long long)bf.e);

    // extends and compares
    volatile int8_t s8 = -100; volatile int16_t s16 = -30000; volatile uint8_t u8 = 200;
    volatile uint16_t u16 = 60000;
    P("extends: %lld %lld %llu %llu %d", (long long)s8, (long long)s16, (unsigned long long)u8,
      (unsigned long long)u16, (int)(int8_t)u8);
    int cnt = 0;
    for (int i = -5; i < 5; i++) {
        volatile int x = i;
        cnt += (x < 0) + 2 * (x <= 0) + 4 * ((unsigned)x > 3u) + 8 * (x == 2);
        mix(x > 0 ? (uint64_t)x * 3 : (uint64_t)-x);
    }
    P("compare count: %d", cnt);
    P("checksum: %016llx", (unsigned long long)sum);
    return (int)(sum & 0x7f);
}
