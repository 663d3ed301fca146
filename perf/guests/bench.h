/* Shared helpers for the guest benchmarks: the size argument, a deterministic PRNG, a checksum mix
 * and the one output line the runner compares across a64jit, qemu-aarch64 and the native build.
 * Everything here is exact integer arithmetic so both targets print the same bytes. */
#ifndef BENCH_H
#define BENCH_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* argv[1] scales the run (its meaning is per benchmark); fallback when absent. */
static long bench_size(int argc, char **argv, long fallback)
{
    if (argc < 2)
        return fallback;
    long n = strtol(argv[1], NULL, 10);
    if (n <= 0) {
        fprintf(stderr, "usage: %s [size > 0]\n", argv[0]);
        exit(2);
    }
    return n;
}

static uint64_t bench_rng_state = 0x9e3779b97f4a7c15ULL;

static inline void bench_seed(uint64_t seed) { bench_rng_state = seed ? seed : 1; }

/* xorshift64*: fast, and identical on every target */
static inline uint32_t bench_rand(void)
{
    uint64_t x = bench_rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    bench_rng_state = x;
    return (uint32_t)((x * 0x2545f4914f6cdd1dULL) >> 32);
}

/* FNV-1a style mixing of one 64-bit value into a running checksum */
static inline uint64_t bench_mix(uint64_t h, uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        h ^= (v >> (8 * i)) & 0xff;
        h *= 0x100000001b3ULL;
    }
    return h;
}

#define BENCH_CHECKSUM_INIT 0xcbf29ce484222325ULL

static int bench_report(const char *name, long size, uint64_t checksum)
{
    printf("%s size=%ld checksum=%016llx\n", name, size, (unsigned long long)checksum);
    return 0;
}
#endif
