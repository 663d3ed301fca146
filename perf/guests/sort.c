// Sorting size*1000 random ints twice: glibc qsort and a hand-written top-down merge sort; both
// results must agree and be ordered.
// size: 200
// quick: 8
#include "bench.h"

static int cmp_int(const void *x, const void *y)
{
    int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
    return (a > b) - (a < b);
}

static void merge_sort(int32_t *v, int32_t *tmp, long lo, long hi)
{
    if (hi - lo < 2)
        return;
    if (hi - lo <= 16) { /* insertion sort for short runs */
        for (long i = lo + 1; i < hi; i++) {
            int32_t x = v[i];
            long j = i;
            for (; j > lo && v[j - 1] > x; j--)
                v[j] = v[j - 1];
            v[j] = x;
        }
        return;
    }
    long mid = lo + (hi - lo) / 2;
    merge_sort(v, tmp, lo, mid);
    merge_sort(v, tmp, mid, hi);
    long i = lo, j = mid, k = lo;
    while (i < mid && j < hi)
        tmp[k++] = v[j] < v[i] ? v[j++] : v[i++];
    while (i < mid)
        tmp[k++] = v[i++];
    while (j < hi)
        tmp[k++] = v[j++];
    memcpy(v + lo, tmp + lo, sizeof(int32_t) * (hi - lo));
}

int main(int argc, char **argv)
{
    long size = bench_size(argc, argv, 200);
    long n = size * 1000;
    int32_t *orig = malloc(sizeof(int32_t) * n), *q = malloc(sizeof(int32_t) * n);
    int32_t *m = malloc(sizeof(int32_t) * n), *tmp = malloc(sizeof(int32_t) * n);
    for (long i = 0; i < n; i++)
        orig[i] = (int32_t)bench_rand();
    memcpy(q, orig, sizeof(int32_t) * n);
    memcpy(m, orig, sizeof(int32_t) * n);
    qsort(q, n, sizeof(int32_t), cmp_int);
    merge_sort(m, tmp, 0, n);
    uint64_t sum = BENCH_CHECKSUM_INIT;
    for (long i = 0; i < n; i++) {
        if (q[i] != m[i] || (i > 0 && q[i - 1] > q[i])) {
            printf("sort: mismatch at %ld\n", i);
            return 1;
        }
        if (i % 97 == 0)
            sum = bench_mix(sum, (uint32_t)q[i]);
    }
    free(orig); free(q); free(m); free(tmp);
    return bench_report("sort", size, sum);
}
