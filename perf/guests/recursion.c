// Call-heavy recursion: naive Fibonacci, Ackermann(2, m) and Takeuchi, size rounds.
// size: 60
// quick: 2
#include "bench.h"

__attribute__((noinline)) static uint64_t fib(int n) { return n < 2 ? (uint64_t)n : fib(n - 1) + fib(n - 2); }

__attribute__((noinline)) static uint64_t ack(uint64_t m, uint64_t n)
{
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

__attribute__((noinline)) static int tak(int x, int y, int z)
{
    if (y >= x)
        return z;
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
}

int main(int argc, char **argv)
{
    long n = bench_size(argc, argv, 60);
    uint64_t sum = BENCH_CHECKSUM_INIT;
    for (long r = 0; r < n; r++) {
        sum = bench_mix(sum, fib(22 + (int)(r % 3)));
        sum = bench_mix(sum, ack(2, 300 + (uint64_t)(r % 7)));
        sum = bench_mix(sum, ack(3, 5));
        sum = bench_mix(sum, (uint64_t)tak(16 + (int)(r % 2), 10, 4));
    }
    if (fib(20) != 6765 || ack(2, 3) != 9 || ack(3, 3) != 61) {
        printf("recursion: self-check failed\n");
        return 1;
    }
    return bench_report("recursion", n, sum);
}
