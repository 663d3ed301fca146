// vector_loops: plain C loops that gcc -O3 auto-vectorizes for Armv8.2 with crypto, fp16, dotprod
// and rcpc: integer sums and products over 8..64-bit lanes, min/max, saturating clamps, int8 dot
// products (SDOT/UDOT), widening and narrowing conversions, float and double multiply-add loops,
// __fp16 arithmetic, plus CRC32/CRC32C and AES/SHA256 rounds through the ACLE intrinsics.
// Every loop's result goes into one checksum line per loop.
// cflags: -O3 -march=armv8.2-a+crypto+fp16+dotprod+rcpc
#include <arm_acle.h>
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 1000
static int8_t a8[N], b8[N];
static uint8_t u8a[N], u8b[N];
static int16_t a16[N], b16[N];
static int32_t a32[N], b32[N], c32[N];
static int64_t a64[N], b64[N];
static float f32a[N], f32b[N], f32c[N];
static double f64a[N], f64b[N], f64c[N];
static __fp16 h16a[N], h16b[N], h16c[N];

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint32_t next(void) { rng ^= rng >> 12; rng ^= rng << 25; rng ^= rng >> 27; return (uint32_t)((rng * 0x2545f4914f6cdd1dull) >> 32); }

static uint64_t mix(const void *p, size_t n)
{
    const uint8_t *b = p;
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 0x100000001b3ull;
    return h;
}

__attribute__((noinline)) static int32_t dot8(const int8_t *x, const int8_t *y)
{
    int32_t s = 0;
    for (int i = 0; i < N; i++) s += x[i] * y[i];
    return s;
}

__attribute__((noinline)) static uint32_t udot8(const uint8_t *x, const uint8_t *y)
{
    uint32_t s = 0;
    for (int i = 0; i < N; i++) s += x[i] * y[i];
    return s;
}

int main(void)
{
    for (int i = 0; i < N; i++) {
        a8[i] = (int8_t)next(); b8[i] = (int8_t)next();
        u8a[i] = (uint8_t)next(); u8b[i] = (uint8_t)next();
        a16[i] = (int16_t)next(); b16[i] = (int16_t)next();
        a32[i] = (int32_t)next(); b32[i] = (int32_t)next();
        a64[i] = ((int64_t)next() << 32) | next(); b64[i] = ((int64_t)next() << 32) | next();
        f32a[i] = (float)(int32_t)next() / 65536.0f; f32b[i] = (float)(next() % 1000) / 7.0f;
        f64a[i] = (double)(int32_t)next() / 3.0; f64b[i] = (double)(next() % 100000) / 11.0;
        h16a[i] = (__fp16)((float)(next() % 2000) / 16.0f - 60.0f); h16b[i] = (__fp16)((float)(next() % 300) / 32.0f);
    }

    int32_t s32 = 0;
    for (int i = 0; i < N; i++) c32[i] = a32[i] * b32[i] + (a32[i] >> 3);
    for (int i = 0; i < N; i++) s32 ^= c32[i];
    printf("mul32   %08x %016llx\n", (unsigned)s32, (unsigned long long)mix(c32, sizeof c32));

    int64_t s64 = 0;
    for (int i = 0; i < N; i++) s64 += a64[i] ^ (b64[i] << 3);
    printf("xor64   %016llx\n", (unsigned long long)s64);

    int16_t mx = -32768, mn = 32767;
    for (int i = 0; i < N; i++) { mx = a16[i] > mx ? a16[i] : mx; mn = b16[i] < mn ? b16[i] : mn; }
    printf("minmax  %d %d\n", mx, mn);

    int16_t clamp[N];
    for (int i = 0; i < N; i++) { int v = a16[i] + b16[i]; clamp[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v; }
    printf("sat16   %016llx\n", (unsigned long long)mix(clamp, sizeof clamp));

    uint8_t narrow[N];
    for (int i = 0; i < N; i++) narrow[i] = (uint8_t)((a32[i] >> 7) & 0xff);
    int32_t widen = 0;
    for (int i = 0; i < N; i++) widen += a8[i] + u8a[i];
    printf("width   %016llx %d\n", (unsigned long long)mix(narrow, sizeof narrow), widen);

    printf("dot     %d %u\n", dot8(a8, b8), udot8(u8a, u8b));

    for (int i = 0; i < N; i++) f32c[i] = f32a[i] * f32b[i] + f32c[i];
    for (int i = 0; i < N; i++) f64c[i] = f64a[i] * f64b[i] - f64c[i] / 3.0;
    float fs = 0; double ds = 0;
    for (int i = 0; i < N; i++) { fs += f32c[i]; ds += f64c[i]; }
    printf("fma     %016llx %016llx %a %a\n", (unsigned long long)mix(f32c, sizeof f32c),
           (unsigned long long)mix(f64c, sizeof f64c), fs, ds);

    int32_t conv[N];
    for (int i = 0; i < N; i++) conv[i] = (int32_t)(f32a[i] * 3.5f);
    printf("convert %016llx\n", (unsigned long long)mix(conv, sizeof conv));

    for (int i = 0; i < N; i++) h16c[i] = h16a[i] * h16b[i] + h16a[i];
    printf("fp16    %016llx\n", (unsigned long long)mix(h16c, sizeof h16c));

    uint32_t crc = 0xffffffff, crcc = 0xffffffff;
    for (int i = 0; i < N; i++) { crc = __crc32b(crc, u8a[i]); crcc = __crc32cw(crcc, (uint32_t)a32[i]); }
    printf("crc     %08x %08x\n", crc, crcc);

    uint8x16_t state = vld1q_u8(u8a), key = vld1q_u8(u8b);
    for (int r = 0; r < 100; r++) state = vaesmcq_u8(vaeseq_u8(state, key));
    uint32x4_t abcd = vld1q_u32((const uint32_t *)a32), efgh = vld1q_u32((const uint32_t *)b32);
    for (int r = 0; r < 100; r++) {
        uint32x4_t w = vld1q_u32((const uint32_t *)&c32[(r * 4) % (N - 4)]);
        uint32x4_t t = abcd;
        abcd = vsha256hq_u32(abcd, efgh, w);
        efgh = vsha256h2q_u32(efgh, t, w);
    }
    uint8_t out[48];
    vst1q_u8(out, state); vst1q_u32((uint32_t *)(out + 16), abcd); vst1q_u32((uint32_t *)(out + 32), efgh);
    printf("crypto  %016llx\n", (unsigned long long)mix(out, sizeof out));
    return 0;
}
