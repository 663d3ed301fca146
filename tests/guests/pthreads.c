// pthreads: thread creation (clone with CLONE_SETTLS/CHILD_CLEARTID) and join with return values,
// thread-local storage (__thread, TPIDR_EL0), mutex-protected counter, condition variable
// producer/consumer queue, rwlock, pthread_once, thread-specific keys with destructors, detached
// threads signalling a semaphore, pthread_exit, and futex-based barriers; 4 worker threads.
// cflags: -pthread
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

#define NT 4
static __thread int tls_value = 7;
static __thread char tls_buf[64];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *adder(void *arg) {
    long id = (long)arg;
    tls_value += (int)id;
    for (int i = 0; i < 64; i++) tls_buf[i] = (char)(id + i);
    for (int i = 0; i < 10000; i++) {
        pthread_mutex_lock(&mu);
        counter++;
        pthread_mutex_unlock(&mu);
    }
    long s = 0;
    for (int i = 0; i < 64; i++) s += tls_buf[i];
    return (void *)(s * 100 + tls_value);
}

// bounded queue with two condition variables
#define QCAP 8
static int q[QCAP], qhead, qcount, produced_done;
static pthread_mutex_t qmu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t notfull = PTHREAD_COND_INITIALIZER, notempty = PTHREAD_COND_INITIALIZER;
static long consumed_sum[NT];

static void *producer(void *arg) {
    (void)arg;
    for (int i = 1; i <= 2000; i++) {
        pthread_mutex_lock(&qmu);
        while (qcount == QCAP) pthread_cond_wait(&notfull, &qmu);
        q[(qhead + qcount++) % QCAP] = i;
        pthread_cond_signal(&notempty);
        pthread_mutex_unlock(&qmu);
    }
    pthread_mutex_lock(&qmu);
    produced_done = 1;
    pthread_cond_broadcast(&notempty);
    pthread_mutex_unlock(&qmu);
    return NULL;
}
static void *consumer(void *arg) {
    long id = (long)arg;
    for (;;) {
        pthread_mutex_lock(&qmu);
        while (qcount == 0 && !produced_done) pthread_cond_wait(&notempty, &qmu);
        if (qcount == 0) { pthread_mutex_unlock(&qmu); break; }
        int v = q[qhead];
        qhead = (qhead + 1) % QCAP;
        qcount--;
        pthread_cond_signal(&notfull);
        pthread_mutex_unlock(&qmu);
        consumed_sum[id] += v;
    }
    return NULL;
}

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long shared_table[16];
static void *rw_worker(void *arg) {
    long id = (long)arg;
    long seen = 0;
    for (int i = 0; i < 2000; i++) {
        if (i % 10 == (int)id) {
            pthread_rwlock_wrlock(&rw);
            for (int k = 0; k < 16; k++) shared_table[k]++;
            pthread_rwlock_unlock(&rw);
        } else {
            pthread_rwlock_rdlock(&rw);
            long first = shared_table[0];
            for (int k = 1; k < 16; k++) if (shared_table[k] != first) seen++; // torn update
            pthread_rwlock_unlock(&rw);
        }
    }
    return (void *)seen;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static void once_fn(void) { once_runs++; }
static pthread_key_t key;
static int destructor_runs;
static pthread_mutex_t dmu = PTHREAD_MUTEX_INITIALIZER;
static void destructor(void *p) {
    pthread_mutex_lock(&dmu);
    destructor_runs += (int)(intptr_t)p;
    pthread_mutex_unlock(&dmu);
}
static sem_t sem;
static pthread_barrier_t bar;
static int serial_count;
static void *misc_worker(void *arg) {
    long id = (long)arg;
    pthread_once(&once, once_fn);
    pthread_setspecific(key, (void *)(intptr_t)(id + 1));
    if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD) serial_count++;
    pthread_barrier_wait(&bar);
    if (id == 2) pthread_exit((void *)77);
    return (void *)id;
}
static void *detached(void *arg) {
    (void)arg;
    sem_post(&sem);
    return NULL;
}

int main(void) {
    pthread_t th[NT];
    for (long i = 0; i < NT; i++) pthread_create(&th[i], NULL, adder, (void *)i);
    for (int i = 0; i < NT; i++) {
        void *ret;
        pthread_join(th[i], &ret);
        printf("adder %d returned %ld\n", i, (long)ret);
    }
    printf("mutex counter=%ld main tls=%d\n", counter, tls_value);

    pthread_t prod, cons[NT];
    for (long i = 0; i < NT; i++) pthread_create(&cons[i], NULL, consumer, (void *)i);
    pthread_create(&prod, NULL, producer, NULL);
    pthread_join(prod, NULL);
    long total = 0;
    for (int i = 0; i < NT; i++) { pthread_join(cons[i], NULL); total += consumed_sum[i]; }
    printf("condvar queue total=%ld (want %d)\n", total, 2000 * 2001 / 2);

    for (long i = 0; i < NT; i++) pthread_create(&th[i], NULL, rw_worker, (void *)i);
    long torn = 0;
    for (int i = 0; i < NT; i++) { void *r; pthread_join(th[i], &r); torn += (long)r; }
    printf("rwlock table[0]=%ld torn reads=%ld\n", shared_table[0], torn);

    pthread_key_create(&key, destructor);
    pthread_barrier_init(&bar, NULL, NT);
    for (long i = 0; i < NT; i++) pthread_create(&th[i], NULL, misc_worker, (void *)i);
    long rets = 0;
    for (int i = 0; i < NT; i++) { void *r; pthread_join(th[i], &r); rets += (long)r; }
    printf("once runs=%d key destructors sum=%d barrier serial=%d joined sum=%ld\n", once_runs,
           destructor_runs, serial_count, rets);

    sem_init(&sem, 0, 0);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 65536);
    for (int i = 0; i < 8; i++) {
        pthread_t t;
        pthread_create(&t, &attr, detached, NULL);
    }
    for (int i = 0; i < 8; i++) sem_wait(&sem);
    printf("detached threads posted 8\n");
    return 77;
}
