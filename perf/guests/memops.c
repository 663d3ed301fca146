// memcpy / memset / memmove / memcmp heavy: blocks of many sizes and alignments copied around a
// 1 MiB arena, size rounds.
// size: 60
// quick: 2
#include "bench.h"

enum { Arena = 1 << 20 };

int main(int argc, char **argv)
{
    long n = bench_size(argc, argv, 60);
    uint8_t *a = malloc(Arena), *b = malloc(Arena);
    for (int i = 0; i < Arena; i++)
        a[i] = (uint8_t)bench_rand();
    memset(b, 0, Arena);
    uint64_t sum = BENCH_CHECKSUM_INIT;
    static const int sizes[] = {1, 3, 8, 15, 16, 31, 64, 100, 255, 256, 1000, 4096, 16384, 65536};
    for (long r = 0; r < n; r++) {
        /* small and medium copies at odd offsets */
        for (int k = 0; k < 2000; k++) {
            int len = sizes[bench_rand() % (sizeof sizes / sizeof sizes[0])];
            uint32_t src = bench_rand() % (Arena - len), dst = bench_rand() % (Arena - len);
            memcpy(b + dst, a + src, len);
            if ((k & 7) == 0)
                memset(a + src, (int)(k & 0xff), len / 2);
        }
        /* overlapping moves both ways */
        for (int k = 0; k < 200; k++) {
            int len = 1 + bench_rand() % 8192;
            uint32_t pos = bench_rand() % (Arena - len - 64);
            memmove(b + pos + (k & 63), b + pos, len);
            memmove(b + pos, b + pos + (k & 63), len);
        }
        /* bulk passes */
        memcpy(a, b, Arena / 2);
        memset(b + Arena / 2, (int)(r & 0xff), Arena / 4);
        int c = memcmp(a, b, Arena / 2);
        sum = bench_mix(sum, (uint64_t)(c == 0));
        for (int i = 0; i < Arena; i += 4093)
            sum = bench_mix(sum, (uint64_t)a[i] << 8 | b[i]);
    }
    free(a); free(b);
    return bench_report("memops", n, sum);
}
