// atomics_llsc: load-exclusive/store-exclusive loops written in inline asm (ARMv8.0, no LSE):
// LDXR/STXR (W, X), LDAXR/STLXR, LDXRB/LDXRH, LDXP/STXP on a 128-bit pair, a CAS loop with CLREX on
// failure, and a spinlock built from LDAXR/STXR + STLR, with 4 contending threads.
// cflags: -march=armv8-a -mno-outline-atomics -pthread
#include "atomics_common.h"

static uint64_t c64, c64_acq, lock_word, locked_counter;
static uint32_t c32;
static uint8_t c8;
static uint16_t c16;
static uint64_t pair[2] __attribute__((aligned(16)));
static uint64_t cas_counter, old_sum;

static void add64(uint64_t *p, uint64_t v) {
    uint64_t tmp; uint32_t fail;
    __asm__ volatile("1: ldxr %0, [%2]\n\tadd %0, %0, %3\n\tstxr %w1, %0, [%2]\n\tcbnz %w1, 1b"
                     : "=&r"(tmp), "=&r"(fail) : "r"(p), "r"(v) : "memory");
}
static uint64_t add64_acqrel(uint64_t *p, uint64_t v) {
    uint64_t old, tmp; uint32_t fail;
    __asm__ volatile("1: ldaxr %0, [%3]\n\tadd %1, %0, %4\n\tstlxr %w2, %1, [%3]\n\tcbnz %w2, 1b"
                     : "=&r"(old), "=&r"(tmp), "=&r"(fail) : "r"(p), "r"(v) : "memory");
    return old;
}
static void add32(uint32_t *p, uint32_t v) {
    uint32_t tmp, fail;
    __asm__ volatile("1: ldxr %w0, [%2]\n\tadd %w0, %w0, %w3\n\tstxr %w1, %w0, [%2]\n\tcbnz %w1, 1b"
                     : "=&r"(tmp), "=&r"(fail) : "r"(p), "r"(v) : "memory");
}
static void add8(uint8_t *p) {
    uint32_t tmp, fail;
    __asm__ volatile("1: ldxrb %w0, [%2]\n\tadd %w0, %w0, #1\n\tstxrb %w1, %w0, [%2]\n\tcbnz %w1, 1b"
                     : "=&r"(tmp), "=&r"(fail) : "r"(p) : "memory");
}
static void add16(uint16_t *p) {
    uint32_t tmp, fail;
    __asm__ volatile("1: ldaxrh %w0, [%2]\n\tadd %w0, %w0, #3\n\tstlxrh %w1, %w0, [%2]\n\tcbnz %w1, 1b"
                     : "=&r"(tmp), "=&r"(fail) : "r"(p) : "memory");
}
static void addpair(uint64_t *p) {
    // 128-bit counter: low word carries into the high word
    uint64_t lo, hi; uint32_t fail;
    __asm__ volatile("1: ldaxp %0, %1, [%3]\n\tadds %0, %0, %4\n\tadc %1, %1, xzr\n\t"
                     "stlxp %w2, %0, %1, [%3]\n\tcbnz %w2, 1b"
                     : "=&r"(lo), "=&r"(hi), "=&r"(fail) : "r"(p), "r"(0x4000000000000000ull) : "memory", "cc");
}
static int cas64(uint64_t *p, uint64_t expect, uint64_t desired) {
    uint64_t cur; uint32_t fail;
    __asm__ volatile("1: ldaxr %0, [%2]\n\tcmp %0, %3\n\tb.ne 2f\n\t"
                     "stlxr %w1, %4, [%2]\n\tcbnz %w1, 1b\n\tb 3f\n"
                     "2: clrex\n3:"
                     : "=&r"(cur), "=&r"(fail) : "r"(p), "r"(expect), "r"(desired) : "memory", "cc");
    return cur == expect;
}
static void spin_lock(uint64_t *l) {
    uint64_t tmp; uint32_t fail;
    __asm__ volatile("1: ldaxr %0, [%2]\n\tcbnz %0, 1b\n\tstxr %w1, %3, [%2]\n\tcbnz %w1, 1b"
                     : "=&r"(tmp), "=&r"(fail) : "r"(l), "r"(1ull) : "memory");
}
static void spin_unlock(uint64_t *l) {
    __asm__ volatile("stlr xzr, [%0]" :: "r"(l) : "memory");
}

static void worker(int tid) {
    uint64_t local_old = 0;
    for (int i = 0; i < ITERS; i++) {
        add64(&c64, 1);
        local_old += add64_acqrel(&c64_acq, 1);
        add32(&c32, (uint32_t)tid + 1);
        add8(&c8);
        add16(&c16);
        addpair(pair);
        for (;;) {
            uint64_t cur = __atomic_load_n(&cas_counter, __ATOMIC_RELAXED);
            if (cas64(&cas_counter, cur, cur + 2)) break;
        }
        spin_lock(&lock_word);
        locked_counter = locked_counter * 1 + 1; // plain load/store under the lock
        spin_unlock(&lock_word);
    }
    add64(&old_sum, local_old);
}

int main(void) {
    run_threads("llsc", worker);
    const uint64_t n = (uint64_t)NTHREADS * ITERS;
    CHECK("ldxr/stxr x", c64, n);
    CHECK("ldaxr/stlxr x", c64_acq, n);
    CHECK("  sum of old values", old_sum, n * (n - 1) / 2);
    CHECK("ldxr/stxr w (1+2+3+4)", c32, (uint64_t)ITERS * 10);
    CHECK("ldxrb/stxrb (mod 256)", c8, n & 0xff);
    CHECK("ldaxrh/stlxrh (mod 65536)", c16, (n * 3) & 0xffff);
    CHECK("ldaxp/stlxp low", pair[0], (n * 0x4000000000000000ull));
    CHECK("ldaxp/stlxp high", pair[1], n / 4);
    CHECK("cas loop", cas_counter, 2 * n);
    CHECK("spinlock counter", locked_counter, n);
    printf("failures: %d\n", failures);
    return failures ? 1 : 11;
}
