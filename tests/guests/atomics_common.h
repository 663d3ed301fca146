// Shared harness for the atomics_* guest programs: run one worker on 4 threads released together
// by a barrier, each doing ITERS iterations, then print deterministic totals.
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NTHREADS 4
#define ITERS 5000

static pthread_barrier_t start_barrier;

struct worker {
    void (*fn)(int tid);
    int tid;
};

static void *trampoline(void *arg) {
    struct worker *w = arg;
    pthread_barrier_wait(&start_barrier);
    w->fn(w->tid);
    return NULL;
}

static void run_threads(const char *name, void (*fn)(int tid)) {
    pthread_t th[NTHREADS];
    struct worker w[NTHREADS];
    pthread_barrier_init(&start_barrier, NULL, NTHREADS);
    for (int i = 0; i < NTHREADS; i++) {
        w[i].fn = fn;
        w[i].tid = i;
        if (pthread_create(&th[i], NULL, trampoline, &w[i]) != 0) {
            printf("%s: pthread_create failed\n", name);
            exit(99);
        }
    }
    for (int i = 0; i < NTHREADS; i++) pthread_join(th[i], NULL);
    pthread_barrier_destroy(&start_barrier);
}

#define CHECK(name, got, want)                                                                 \
    do {                                                                                       \
        unsigned long long g_ = (unsigned long long)(got), w_ = (unsigned long long)(want);    \
        printf("%-28s %llu %s\n", name, g_, g_ == w_ ? "ok" : "MISMATCH");                     \
        if (g_ != w_) failures++;                                                              \
    } while (0)

static int failures;
