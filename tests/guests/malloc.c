// malloc: heap stress through glibc malloc: many small/medium/large (mmap-threshold) blocks
// allocated, filled, realloc'ed (grow and shrink, contents preserved), freed in a pseudo-random
// order; calloc zeroing; posix_memalign/aligned_alloc alignment; malloc_usable_size lower bound;
// brk growth via sbrk-backed arenas and mmap-backed large blocks.
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <malloc.h>

#define SLOTS 512
static uint32_t rng = 12345;
static uint32_t next(void) { rng = rng * 1103515245u + 12345u; return rng >> 8; }

struct slot { unsigned char *p; size_t n; unsigned char seed; };
static struct slot slots[SLOTS];
static int errors;

static void fillp(unsigned char *p, size_t n, unsigned char seed) {
    for (size_t i = 0; i < n; i++) p[i] = (unsigned char)(seed + i * 7);
}
static int checkp(const unsigned char *p, size_t n, unsigned char seed) {
    for (size_t i = 0; i < n; i++)
        if (p[i] != (unsigned char)(seed + i * 7)) return 0;
    return 1;
}
static size_t pick_size(void) {
    uint32_t r = next() % 100;
    if (r < 60) return next() % 64;
    if (r < 90) return 64 + next() % 4000;
    if (r < 98) return 4096 + next() % 60000;
    return 200000 + next() % 300000; // above the default mmap threshold
}

int main(void) {
    unsigned long long total_alloc = 0, ops = 0;
    for (int round = 0; round < 6000; round++) {
        int i = (int)(next() % SLOTS);
        struct slot *s = &slots[i];
        uint32_t op = next() % 10;
        if (s->p && !checkp(s->p, s->n, s->seed)) { errors++; printf("corrupt slot %d\n", i); }
        if (!s->p || op < 3) {
            free(s->p);
            s->n = pick_size();
            s->seed = (unsigned char)next();
            s->p = op == 0 ? calloc(1, s->n ? s->n : 1) : malloc(s->n);
            if (!s->p) { printf("alloc failed\n"); return 1; }
            if (op == 0)
                for (size_t k = 0; k < s->n; k++)
                    if (s->p[k]) { errors++; printf("calloc not zero\n"); break; }
            if (malloc_usable_size(s->p) < s->n) { errors++; printf("usable size too small\n"); }
            fillp(s->p, s->n, s->seed);
            total_alloc += s->n;
        } else if (op < 7) {
            size_t nn = pick_size();
            unsigned char *q = realloc(s->p, nn ? nn : 1);
            if (!q) { printf("realloc failed\n"); return 1; }
            size_t keep = nn < s->n ? nn : s->n;
            if (!checkp(q, keep, s->seed)) { errors++; printf("realloc lost data\n"); }
            s->p = q; s->n = nn;
            fillp(s->p, s->n, s->seed);
            total_alloc += nn;
        } else {
            free(s->p);
            s->p = NULL;
        }
        ops++;
    }
    for (int i = 0; i < SLOTS; i++) {
        if (slots[i].p && !checkp(slots[i].p, slots[i].n, slots[i].seed)) errors++;
        free(slots[i].p);
    }
    int align_ok = 1;
    for (size_t a = 16; a <= 65536; a *= 2) {
        void *p = NULL;
        if (posix_memalign(&p, a, 100 + a) != 0 || ((uintptr_t)p & (a - 1))) align_ok = 0;
        memset(p, 0x5a, 100 + a);
        void *q = aligned_alloc(a, a * 3);
        if (!q || ((uintptr_t)q & (a - 1))) align_ok = 0;
        void *r = memalign(a, 17);
        if (!r || ((uintptr_t)r & (a - 1))) align_ok = 0;
        free(p); free(q); free(r);
    }
    // a long linked list of small nodes, then freed
    struct node { struct node *next; int v; } *head = NULL;
    for (int i = 0; i < 20000; i++) {
        struct node *nd = malloc(sizeof *nd);
        nd->v = i; nd->next = head; head = nd;
    }
    long long lsum = 0;
    while (head) { struct node *nx = head->next; lsum += head->v; free(head); head = nx; }
    printf("ops=%llu bytes=%llu errors=%d align_ok=%d list_sum=%lld rng=%u\n", ops, total_alloc,
           errors, align_ok, lsum, rng);
    return errors ? 1 : 33;
}
