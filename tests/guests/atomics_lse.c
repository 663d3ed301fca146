// atomics_lse: ARMv8.1 LSE atomics emitted by the compiler for __atomic builtins
// (-march=armv8.1-a, no outline helpers): LDADD/LDADDAL, SWP, CAS/CASAL, LDSET, LDCLR, LDEOR,
// LDSMAX/LDUMIN via inline asm, CASP on a 128-bit pair, for 8/16/32/64-bit sizes, with 4
// contending threads; returned old values are checked through their sum.
// cflags: -march=armv8.1-a -mno-outline-atomics -pthread
#include "atomics_common.h"
#define FUNC_SUFFIX lse
#include "atomics_builtins.h"

static int64_t smax_v = -1000000;
static uint32_t umin_v = 0xffffffffu;
static uint64_t casp_pair[2] __attribute__((aligned(16)));

static void lse_asm_worker(int tid) {
    for (int i = 0; i < ITERS; i++) {
        int64_t v = (int64_t)(tid * ITERS + i) - 7000, old;
        __asm__ volatile("ldsmaxal %1, %0, [%2]" : "=&r"(old) : "r"(v), "r"(&smax_v) : "memory");
        uint32_t u = 0x80000000u + (uint32_t)((tid * 7919 + i * 104729) % 1000003), uold;
        __asm__ volatile("lduminl %w1, %w0, [%2]" : "=&r"(uold) : "r"(u), "r"(&umin_v) : "memory");
        // 128-bit CAS loop: increment both halves together
        for (;;) {
            register uint64_t x0 __asm__("x0") = casp_pair[0];
            register uint64_t x1 __asm__("x1") = casp_pair[1];
            register uint64_t x2 __asm__("x2") = x0 + 1;
            register uint64_t x3 __asm__("x3") = x1 + 3;
            uint64_t e0 = x0, e1 = x1;
            __asm__ volatile("caspal x0, x1, x2, x3, [%4]"
                             : "+r"(x0), "+r"(x1) : "r"(x2), "r"(x3), "r"(casp_pair) : "memory");
            if (x0 == e0 && x1 == e1) break;
        }
    }
}

int main(void) {
    run_builtins_lse();
    run_threads("lse-asm", lse_asm_worker);
    CHECK("ldsmaxal", (uint64_t)smax_v, (uint64_t)(int64_t)(NTHREADS * ITERS - 1 - 7000));
    uint32_t want_min = 0xffffffffu;
    for (int t = 0; t < NTHREADS; t++)
        for (int i = 0; i < ITERS; i++) {
            uint32_t u = 0x80000000u + (uint32_t)((t * 7919 + i * 104729) % 1000003);
            if (u < want_min) want_min = u;
        }
    CHECK("lduminl", umin_v, want_min);
    CHECK("caspal low", casp_pair[0], (uint64_t)NTHREADS * ITERS);
    CHECK("caspal high", casp_pair[1], (uint64_t)NTHREADS * ITERS * 3);
    printf("failures: %d\n", failures);
    return failures ? 1 : 12;
}
