// A CoreMark-style mix (not CoreMark itself): linked-list find/reverse/sort, 16-bit matrix
// operations, a number-scanning state machine, and CRC-16 over every result; size iterations.
// size: 900
// quick: 30
#include "bench.h"

/* ---- CRC-16 (CCITT, bitwise like CoreMark's crcu8) ---- */
static uint16_t crc8(uint8_t data, uint16_t crc)
{
    for (int i = 0; i < 8; i++) {
        int x16 = (data & 1) ^ (crc & 1);
        data >>= 1;
        if (x16)
            crc ^= 0x4002;
        crc >>= 1;
        crc |= (uint16_t)(x16 << 15);
        if (x16 == 0)
            crc &= 0x7fff;
    }
    return crc;
}
static uint16_t crc16(uint16_t v, uint16_t crc) { return crc8((uint8_t)(v >> 8), crc8((uint8_t)v, crc)); }
static uint16_t crc32v(uint32_t v, uint16_t crc) { return crc16((uint16_t)(v >> 16), crc16((uint16_t)v, crc)); }

/* ---- list processing ---- */
typedef struct Node { struct Node *next; int16_t data; int16_t idx; } Node;
enum { ListLen = 200 };
static Node pool[ListLen];

static Node *list_build(uint16_t seed)
{
    for (int i = 0; i < ListLen; i++) {
        pool[i].data = (int16_t)((seed ^ (i * 0x9e37)) & 0x7fff);
        pool[i].idx = (int16_t)i;
        pool[i].next = i + 1 < ListLen ? &pool[i + 1] : NULL;
    }
    return &pool[0];
}
static Node *list_reverse(Node *l)
{
    Node *prev = NULL;
    while (l) {
        Node *n = l->next;
        l->next = prev;
        prev = l;
        l = n;
    }
    return prev;
}
static Node *list_find(Node *l, int16_t data)
{
    while (l && (l->data & 0xff) != data)
        l = l->next;
    return l;
}
static int cmp_data(const Node *a, const Node *b) { return a->data - b->data; }
static int cmp_idx(const Node *a, const Node *b) { return a->idx - b->idx; }
/* bottom-up merge sort of a singly linked list */
static Node *list_sort(Node *list, int (*cmp)(const Node *, const Node *))
{
    for (int insize = 1;; insize *= 2) {
        Node *p = list, *tail = NULL;
        list = NULL;
        int merges = 0;
        while (p) {
            merges++;
            Node *q = p;
            int psize = 0;
            for (int i = 0; i < insize && q; i++) {
                psize++;
                q = q->next;
            }
            int qsize = insize;
            while (psize > 0 || (qsize > 0 && q)) {
                Node *e;
                if (psize == 0) { e = q; q = q->next; qsize--; }
                else if (qsize == 0 || !q) { e = p; p = p->next; psize--; }
                else if (cmp(p, q) <= 0) { e = p; p = p->next; psize--; }
                else { e = q; q = q->next; qsize--; }
                if (tail) tail->next = e; else list = e;
                tail = e;
            }
            p = q;
        }
        tail->next = NULL;
        if (merges <= 1)
            return list;
    }
}
static uint16_t bench_list(uint16_t seed, uint16_t crc)
{
    Node *l = list_build(seed);
    for (int i = 0; i < 32; i++) {
        Node *f = list_find(l, (int16_t)((seed + i) & 0xff));
        crc = crc16(f ? (uint16_t)f->idx : 0xffff, crc);
        l = list_reverse(l);
    }
    l = list_sort(l, cmp_data);
    for (Node *p = l; p; p = p->next)
        crc = crc16((uint16_t)p->data, crc);
    l = list_sort(l, cmp_idx);
    crc = crc16((uint16_t)l->data, crc);
    return crc;
}

/* ---- matrix ---- */
enum { M = 24 };
static int16_t ma[M * M], mb[M * M];
static int32_t mc[M * M];
static uint16_t bench_matrix(uint16_t seed, uint16_t crc)
{
    for (int i = 0; i < M * M; i++) {
        ma[i] = (int16_t)(((seed * (i + 1)) ^ i) & 0x0fff);
        mb[i] = (int16_t)(((seed + i * 7) >> 2) & 0x0fff);
    }
    int16_t k = (int16_t)(seed & 0xff);
    for (int i = 0; i < M * M; i++) /* add constant */
        ma[i] += k;
    for (int i = 0; i < M * M; i++) /* multiply by constant */
        mc[i] = (int32_t)ma[i] * k;
    for (int i = 0; i < M; i++) { /* matrix times vector */
        int32_t s = 0;
        for (int j = 0; j < M; j++)
            s += (int32_t)ma[i * M + j] * mb[j];
        mc[i] = s;
    }
    for (int i = 0; i < M; i++) /* matrix times matrix, then bit extraction */
        for (int j = 0; j < M; j++) {
            int32_t s = 0;
            for (int x = 0; x < M; x++)
                s += (int32_t)ma[i * M + x] * mb[x * M + j];
            mc[i * M + j] = s;
        }
    uint32_t acc = 0;
    for (int i = 0; i < M * M; i++)
        acc += ((uint32_t)mc[i] >> 2) & 0x7f;
    return crc32v(acc, crc);
}

/* ---- state machine: classify comma-separated tokens ---- */
enum State { Start, Int, Float, Exp, ExpSign, ExpInt, Invalid, NStates };
static uint16_t bench_state(uint16_t seed, uint16_t crc)
{
    static char buf[1024];
    static const char *tokens[] = {"5012", "1234", "-874", "+122", "35.54", ".1234", "-110.700", "+0.64",
                                   "5.500e+3", "-.123e-2", "-87e+832", "+0.6e-12", "T0.3e-1F", "-T.T++Tq", "1T3.4e4z", "34.0e-T^"};
    size_t pos = 0;
    uint32_t s = seed;
    while (pos + 12 < sizeof buf) {
        s = s * 1103515245u + 12345u;
        const char *t = tokens[(s >> 16) & 15];
        size_t l = strlen(t);
        memcpy(buf + pos, t, l);
        pos += l;
        buf[pos++] = ',';
    }
    buf[pos] = 0;
    uint32_t counts[NStates] = {0}, transitions = 0;
    enum State st = Start;
    for (const char *p = buf; *p; p++) {
        char c = *p;
        if (c == ',') {
            counts[st]++;
            st = Start;
            continue;
        }
        enum State next = st;
        int digit = c >= '0' && c <= '9';
        switch (st) {
        case Start: next = digit ? Int : (c == '+' || c == '-') ? Int : c == '.' ? Float : Invalid; break;
        case Int: next = digit ? Int : c == '.' ? Float : Invalid; break;
        case Float: next = digit ? Float : (c == 'e' || c == 'E') ? Exp : Invalid; break;
        case Exp: next = (c == '+' || c == '-') ? ExpSign : Invalid; break;
        case ExpSign: next = digit ? ExpInt : Invalid; break;
        case ExpInt: next = digit ? ExpInt : Invalid; break;
        default: break;
        }
        transitions += next != st;
        st = next;
    }
    for (int i = 0; i < NStates; i++)
        crc = crc32v(counts[i], crc);
    return crc32v(transitions, crc);
}

int main(int argc, char **argv)
{
    long n = bench_size(argc, argv, 900);
    uint16_t crc = 0;
    uint64_t sum = BENCH_CHECKSUM_INIT;
    for (long i = 0; i < n; i++) {
        uint16_t seed = (uint16_t)(i * 0x3415 + 0x66);
        crc = bench_list(seed, crc);
        crc = bench_matrix(seed, crc);
        crc = bench_state(seed, crc);
        sum = bench_mix(sum, crc);
    }
    return bench_report("coremark", n, sum);
}
