// Double matrix multiply: C = A * B for size x size matrices of quarter-integers. Every product and
// partial sum is exact, so fused multiply-add (aarch64) and separate mul+add (x86-64) agree bit for bit.
// size: 170
// quick: 55
#include "bench.h"

int main(int argc, char **argv)
{
    long n = bench_size(argc, argv, 170);
    double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n), *c = malloc(sizeof(double) * n * n);
    for (long i = 0; i < n * n; i++) {
        a[i] = ((int)(bench_rand() % 65) - 32) * 0.25;
        b[i] = ((int)(bench_rand() % 65) - 32) * 0.5;
    }
    uint64_t sum = BENCH_CHECKSUM_INIT;
    for (int round = 0; round < 2; round++) {
        for (long i = 0; i < n; i++)
            for (long j = 0; j < n; j++) {
                double s = 0;
                for (long k = 0; k < n; k++)
                    s += a[i * n + k] * b[k * n + j];
                c[i * n + j] = s;
            }
        double total = 0;
        for (long i = 0; i < n * n; i++) {
            uint64_t bits;
            memcpy(&bits, &c[i], 8);
            sum = bench_mix(sum, bits);
            total += c[i];
            /* next round: small quarter-integers again, via an exact conversion */
            a[i] = (double)(((long long)c[i] % 61) - 30) * 0.25;
        }
        sum = bench_mix(sum, (uint64_t)(long long)total);
    }
    free(a); free(b); free(c);
    return bench_report("matmul_double", n, sum);
}
