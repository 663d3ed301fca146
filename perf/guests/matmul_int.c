// Integer matrix multiply: C = A * B for size x size int32 matrices (i-k-j order), twice with the
// result fed back, and a checksum of C.
// size: 260
// quick: 80
#include "bench.h"

int main(int argc, char **argv)
{
    long n = bench_size(argc, argv, 260);
    int32_t *a = malloc(sizeof(int32_t) * n * n), *b = malloc(sizeof(int32_t) * n * n), *c = malloc(sizeof(int32_t) * n * n);
    for (long i = 0; i < n * n; i++) {
        a[i] = (int32_t)(bench_rand() % 201) - 100;
        b[i] = (int32_t)(bench_rand() % 201) - 100;
    }
    uint64_t sum = BENCH_CHECKSUM_INIT;
    for (int round = 0; round < 2; round++) {
        memset(c, 0, sizeof(int32_t) * n * n);
        for (long i = 0; i < n; i++)
            for (long k = 0; k < n; k++) {
                int32_t aik = a[i * n + k];
                for (long j = 0; j < n; j++)
                    c[i * n + j] += aik * b[k * n + j];
            }
        for (long i = 0; i < n * n; i++) {
            sum = bench_mix(sum, (uint32_t)c[i]);
            a[i] = (c[i] >> 7) % 101; /* keep values small for the next round */
        }
    }
    free(a); free(b); free(c);
    return bench_report("matmul_int", n, sum);
}
