// Auto-vectorizable loops (built with -O3; AArch64 also with dot product, fp16 and crypto): int8
// dot products, saturating u8 adds, 16-bit absolute differences, i32 min/max, exact float saxpy,
// u32 xor/shift mixing, size rounds over 64 KiB arrays.
// size: 160
// quick: 5
// cflags: -O3
// cflags-aarch64: -march=armv8.2-a+crypto+fp16+dotprod+rcpc
#include "bench.h"

enum { Len = 16384 };

static int8_t s8a[4 * Len], s8b[4 * Len];
static uint8_t u8a[4 * Len], u8b[4 * Len], u8c[4 * Len];
static int16_t s16a[2 * Len], s16b[2 * Len];
static int32_t s32a[Len], s32b[Len], s32c[Len];
static uint32_t u32a[Len];
static float fa[Len], fb[Len], fc[Len];

__attribute__((noinline)) static int32_t dot_s8(void)
{
    int32_t s = 0;
    for (int i = 0; i < 4 * Len; i++)
        s += s8a[i] * s8b[i];
    return s;
}

__attribute__((noinline)) static void addsat_u8(void)
{
    for (int i = 0; i < 4 * Len; i++) {
        unsigned v = u8a[i] + u8b[i];
        u8c[i] = v > 255 ? 255 : (uint8_t)v;
    }
}

__attribute__((noinline)) static int64_t sad_s16(void)
{
    int32_t s = 0;
    for (int i = 0; i < 2 * Len; i++) {
        int d = s16a[i] - s16b[i];
        s += d < 0 ? -d : d;
    }
    return s;
}

__attribute__((noinline)) static void minmax_s32(void)
{
    for (int i = 0; i < Len; i++) {
        int32_t x = s32a[i], y = s32b[i];
        s32c[i] = (x < y ? x : y) + ((x > y ? x : y) >> 3);
    }
}

__attribute__((noinline)) static void saxpy(float k)
{
    /* quarter-integers in a small range: products and sums are exact in float */
    for (int i = 0; i < Len; i++)
        fc[i] = k * fa[i] + fb[i];
}

__attribute__((noinline)) static void mix_u32(uint32_t key)
{
    for (int i = 0; i < Len; i++) {
        uint32_t x = u32a[i] ^ key;
        x ^= x << 13;
        x ^= x >> 17;
        u32a[i] = x + (x << 5);
    }
}

int main(int argc, char **argv)
{
    long n = bench_size(argc, argv, 160);
    for (int i = 0; i < 4 * Len; i++) {
        s8a[i] = (int8_t)bench_rand();
        s8b[i] = (int8_t)bench_rand();
        u8a[i] = (uint8_t)bench_rand();
        u8b[i] = (uint8_t)bench_rand();
    }
    for (int i = 0; i < 2 * Len; i++) {
        s16a[i] = (int16_t)bench_rand();
        s16b[i] = (int16_t)(bench_rand() >> 2);
    }
    for (int i = 0; i < Len; i++) {
        s32a[i] = (int32_t)bench_rand();
        s32b[i] = (int32_t)bench_rand();
        u32a[i] = bench_rand();
        fa[i] = (float)((int)(bench_rand() % 129) - 64) * 0.25f;
        fb[i] = (float)((int)(bench_rand() % 129) - 64) * 0.5f;
    }
    uint64_t sum = BENCH_CHECKSUM_INIT;
    for (long r = 0; r < n; r++) {
        sum = bench_mix(sum, (uint32_t)dot_s8());
        addsat_u8();
        sum = bench_mix(sum, (uint64_t)sad_s16());
        minmax_s32();
        saxpy((float)(r % 9) - 4.0f);
        mix_u32((uint32_t)r * 2654435761u);
        /* feed results back so rounds differ */
        for (int i = 0; i < 4 * Len; i += 1021) {
            s8a[i] = (int8_t)u8c[i];
            sum = bench_mix(sum, u8c[i]);
        }
        for (int i = 0; i < Len; i += 257) {
            uint32_t fbits;
            memcpy(&fbits, &fc[i], 4);
            sum = bench_mix(sum, (uint64_t)(uint32_t)s32c[i] << 32 | fbits);
            sum = bench_mix(sum, u32a[i]);
            s32b[i] = s32c[i];
        }
    }
    return bench_report("neon", n, sum);
}
