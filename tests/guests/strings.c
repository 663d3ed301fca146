// strings: glibc's optimized string/memory routines (which use SIMD, unaligned and page-crossing
// tricks) at every source and destination alignment 0..31 and lengths 0..200: memcpy, memmove
// (overlapping both ways), memset, memcmp, strlen, strnlen, strchr, strrchr, memchr, strcmp,
// strncmp, strcpy, strstr; every result is checked against a byte-at-a-time reference and folded
// into a checksum. Also a string ending right before an unmapped page.
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#define MAXLEN 200
static unsigned char A[MAXLEN + 96], B[MAXLEN + 96], R[MAXLEN + 96];
static uint64_t sum;
static int errors;
static void mix(uint64_t v) { sum = (sum ^ v) * 0x100000001b3ull; }
static void fail(const char *what, int al, int len) {
    if (errors++ < 20) printf("MISMATCH %s align=%d len=%d\n", what, al, len);
}
static int sgn(int x) { return (x > 0) - (x < 0); }
static void pattern(unsigned char *p, size_t n, unsigned seed) {
    for (size_t i = 0; i < n; i++) p[i] = (unsigned char)(((i + seed) * 2654435761u) >> 13) | 1;
}

int main(void) {
    for (int al = 0; al < 32; al++) {
        int dal = (al * 7 + 3) & 31;
        for (int len = 0; len <= MAXLEN; len++) {
            // memcpy
            pattern(A, sizeof A, al + len);
            memset(B, 0xee, sizeof B);
            void *rp = memcpy(B + dal, A + al, len);
            if (rp != B + dal || memcmp(B + dal, A + al, len) != 0) fail("memcpy", al, len);
            if (B[dal + len] != 0xee || (dal && B[dal - 1] != 0xee)) fail("memcpy bounds", al, len);
            // memmove forward/backward overlap
            memcpy(R, A, sizeof A);
            memmove(R + al, R + dal, len);
            for (int i = 0; i < len; i++) if (R[al + i] != A[dal + i]) { fail("memmove", al, len); break; }
            // memset
            memset(B, 0x11, sizeof B);
            memset(B + al, (al * 31 + len) & 0xff, len);
            for (int i = 0; i < (int)sizeof B; i++) {
                unsigned char want = (i >= al && i < al + len) ? (unsigned char)((al * 31 + len) & 0xff) : 0x11;
                if (B[i] != want) { fail("memset", al, len); break; }
            }
            // memcmp with a difference at every position class
            memcpy(B + dal, A + al, len);
            int c = memcmp(A + al, B + dal, len);
            if (c != 0) fail("memcmp eq", al, len);
            if (len) {
                int pos = (al * 13 + len * 5) % len;
                B[dal + pos] ^= 0x80;
                c = memcmp(A + al, B + dal, len);
                int want = sgn((int)A[al + pos] - (int)B[dal + pos]);
                if (sgn(c) != want) fail("memcmp ne", al, len);
                mix((uint64_t)(sgn(c) + 2) * 1000 + pos);
            }
            // strings: A+al is a NUL-terminated string of length len
            A[al + len] = 0;
            if (strlen((char *)A + al) != (size_t)len) fail("strlen", al, len);
            if (strnlen((char *)A + al, len / 2) != (size_t)len / 2) fail("strnlen", al, len);
            unsigned char ch = len ? A[al + len * 2 / 3] : 'x';
            char *p = strchr((char *)A + al, ch);
            int ref = -1;
            for (int i = 0; i < len; i++) if (A[al + i] == ch) { ref = i; break; }
            if ((p ? (int)(p - (char *)A - al) : -1) != ref) fail("strchr", al, len);
            if (strchr((char *)A + al, 0) != (char *)A + al + len) fail("strchr nul", al, len);
            char *q = strrchr((char *)A + al, ch);
            int rref = -1;
            for (int i = 0; i < len; i++) if (A[al + i] == ch) rref = i;
            if ((q ? (int)(q - (char *)A - al) : -1) != rref) fail("strrchr", al, len);
            void *m = memchr(A + al, ch, len);
            if ((m ? (int)((unsigned char *)m - A - al) : -1) != ref) fail("memchr", al, len);
            mix((uint64_t)(ref + 1) * 7 + (uint64_t)(rref + 1));
            // strcpy + strcmp/strncmp
            memset(B, 0x55, sizeof B);
            char *d = strcpy((char *)B + dal, (char *)A + al);
            if (d != (char *)B + dal || strcmp(d, (char *)A + al) != 0) fail("strcpy/strcmp", al, len);
            if (len) {
                B[dal + len - 1] ^= 0x40;
                int s1 = sgn(strcmp((char *)A + al, (char *)B + dal));
                int s2 = sgn(strncmp((char *)A + al, (char *)B + dal, len - 1));
                int want = sgn((int)A[al + len - 1] - (int)B[dal + len - 1]);
                if (s1 != want || s2 != 0) fail("strcmp ne", al, len);
                mix((uint64_t)(s1 + 5));
            }
            // strstr: a needle taken from the middle of the haystack
            if (len >= 4) {
                int nl = 1 + len % 7, off = (len * 3) / 5;
                if (nl > len) nl = len;
                if (off + nl > len) off = len - nl;
                char needle[16];
                memcpy(needle, A + al + off, nl);
                needle[nl] = 0;
                char *h = strstr((char *)A + al, needle);
                int href = -1;
                for (int i = 0; i + nl <= len; i++) if (memcmp(A + al + i, needle, nl) == 0) { href = i; break; }
                if ((h ? (int)(h - (char *)A - al) : -1) != href) fail("strstr", al, len);
                mix((uint64_t)href);
            }
            A[al + len] = 1;
        }
    }
    // a string whose terminator is the last byte before an inaccessible page
    long pg = 4096;
    unsigned char *two = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (two == MAP_FAILED) { printf("mmap failed\n"); return 1; }
    mprotect(two + pg, pg, PROT_NONE);
    int edge_ok = 1;
    for (int len = 0; len < 64; len++) {
        unsigned char *s = two + pg - 1 - len;
        memset(s, 'a' + len % 26, len);
        s[len] = 0;
        if (strlen((char *)s) != (size_t)len) edge_ok = 0;
        if (strchr((char *)s, 'Z') != NULL) edge_ok = 0;
        if (memchr(s, 0, len + 1) != s + len) edge_ok = 0;
        if (strcmp((char *)s, (char *)s) != 0) edge_ok = 0;
        if (strrchr((char *)s, 0) != (char *)s + len) edge_ok = 0;
    }
    munmap(two, 2 * pg);
    printf("page edge: %s\n", edge_ok ? "ok" : "MISMATCH");
    printf("errors: %d\nchecksum: %016llx\n", errors, (unsigned long long)sum);
    return errors || !edge_ok ? 1 : 44;
}
