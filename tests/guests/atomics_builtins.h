// Shared body of atomics_lse and atomics_outline: the same __atomic builtin workload, compiled with
// different flags (inline LSE instructions vs libgcc's outline helpers __aarch64_ldadd4_acq_rel...).
#define CAT2(a, b) a##_##b
#define CAT(a, b) CAT2(a, b)

static uint64_t b64, b64_old_sum, swp_sum, or_word, xor_word, cas_ctr;
static uint32_t b32, and_word = 0xffffffffu;
static uint16_t b16;
static uint8_t b8;

static void builtin_worker(int tid) {
    uint64_t old_sum = 0, swapped = 0;
    for (int i = 0; i < ITERS; i++) {
        old_sum += __atomic_fetch_add(&b64, 1, __ATOMIC_ACQ_REL);
        __atomic_fetch_add(&b32, 2, __ATOMIC_RELAXED);
        __atomic_add_fetch(&b16, 1, __ATOMIC_SEQ_CST);
        __atomic_fetch_sub(&b8, 1, __ATOMIC_RELEASE);
        // each thread owns 16 bits of or_word; bit i%16 of its lane gets set
        __atomic_fetch_or(&or_word, 1ull << (tid * 16 + i % 16), __ATOMIC_ACQUIRE);
        __atomic_fetch_and(&and_word, ~(1u << (tid * 8 + i % 8)), __ATOMIC_SEQ_CST);
        __atomic_fetch_xor(&xor_word, 0x0101010101010101ull << tid, __ATOMIC_RELAXED);
        swapped += __atomic_exchange_n(&swp_sum, (uint64_t)i + 1, __ATOMIC_ACQ_REL) != 0;
        uint64_t cur = __atomic_load_n(&cas_ctr, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n(&cas_ctr, &cur, cur + 5, 1, __ATOMIC_SEQ_CST,
                                            __ATOMIC_RELAXED)) {
        }
    }
    __atomic_fetch_add(&b64_old_sum, old_sum, __ATOMIC_RELAXED);
    (void)swapped;
}

static void CAT(run_builtins, FUNC_SUFFIX)(void) {
    run_threads("builtins", builtin_worker);
    const uint64_t n = (uint64_t)NTHREADS * ITERS;
    CHECK("fetch_add 64", b64, n);
    CHECK("  sum of old values", b64_old_sum, n * (n - 1) / 2);
    CHECK("fetch_add 32", b32, 2 * n);
    CHECK("add_fetch 16", b16, n & 0xffff);
    CHECK("fetch_sub 8", b8, (uint8_t)(0 - n));
    CHECK("fetch_or 64", or_word, ~0ull);
    CHECK("fetch_and 32", and_word, 0);
    CHECK("fetch_xor 64 (even count)", xor_word, 0);
    CHECK("exchange nonzero at end", swp_sum != 0, 1);
    CHECK("compare_exchange", cas_ctr, 5 * n);
}
