// atomics_outline: the __atomic builtin workload of atomics_lse compiled for ARMv8.0 with
// -moutline-atomics, so every atomic is a call to libgcc's __aarch64_* helpers, which pick LSE or
// LDXR/STXR at run time from AT_HWCAP (both must give the same totals). Also C11 <stdatomic.h>.
// cflags: -march=armv8-a -moutline-atomics -pthread
#include "atomics_common.h"
#include <stdatomic.h>
#define FUNC_SUFFIX outline
#include "atomics_builtins.h"

static _Atomic long c11_counter;
static atomic_flag flag = ATOMIC_FLAG_INIT;
static long flag_protected;

static void c11_worker(int tid) {
    (void)tid;
    for (int i = 0; i < ITERS; i++) {
        atomic_fetch_add_explicit(&c11_counter, 1, memory_order_relaxed);
        while (atomic_flag_test_and_set_explicit(&flag, memory_order_acquire)) {
        }
        flag_protected++;
        atomic_flag_clear_explicit(&flag, memory_order_release);
    }
}

int main(void) {
    run_builtins_outline();
    run_threads("c11", c11_worker);
    CHECK("c11 fetch_add", atomic_load(&c11_counter), NTHREADS * ITERS);
    CHECK("atomic_flag lock", flag_protected, NTHREADS * ITERS);
    printf("failures: %d\n", failures);
    return failures ? 1 : 13;
}
