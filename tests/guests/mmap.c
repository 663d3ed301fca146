// mmap: memory-management syscalls: anonymous private/shared mmap, MAP_FIXED replacement inside a
// reservation, munmap of a middle page (neighbours survive, the hole faults), mprotect
// RW->R->RW with SIGSEGV checks, PROT_NONE guard pages, file-backed MAP_PRIVATE (copy-on-write
// not written back) and MAP_SHARED (written back) mappings, mremap grow/move, madvise DONTNEED
// zeroing, brk/sbrk growth, and generating + running code in a PROT_EXEC page (with
// __builtin___clear_cache), then rewriting it and running it again (self-modifying code).
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf jb;
static void on_segv(int sig) { siglongjmp(jb, sig); }
static int probe_write(volatile char *p) {
    if (sigsetjmp(jb, 1) == 0) { *p = 1; return 1; }
    return 0;
}
static int probe_read(volatile char *p) {
    if (sigsetjmp(jb, 1) == 0) { (void)*p; return 1; }
    return 0;
}

int main(void) {
    signal(SIGSEGV, on_segv);
    const long pg = sysconf(_SC_PAGESIZE);
    printf("page size ok: %d\n", pg == 4096 || pg == 16384 || pg == 65536);

    char *m = mmap(NULL, 8 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("anon mmap ok: %d aligned: %d\n", m != MAP_FAILED, ((uintptr_t)m % pg) == 0);
    int zero = 1;
    for (long i = 0; i < 8 * pg; i++) if (m[i]) { zero = 0; break; }
    printf("anon zero-filled: %d\n", zero);
    for (long i = 0; i < 8 * pg; i++) m[i] = (char)(i / pg + 1);

    munmap(m + 3 * pg, pg);
    printf("after munmap middle: page2 readable=%d page3 readable=%d page4 value=%d\n",
           probe_read(m + 2 * pg), probe_read(m + 3 * pg), m[4 * pg]);
    char *fx = mmap(m + 3 * pg, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("MAP_FIXED refill at hole: %d zero=%d\n", fx == m + 3 * pg, fx[10] == 0);
    char *fx2 = mmap(m + 5 * pg, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("MAP_FIXED over data: zero=%d writable=%d\n", fx2[0] == 0, probe_write(fx2));

    mprotect(m, pg, PROT_READ);
    int w1 = probe_write(m);
    mprotect(m, pg, PROT_NONE);
    int r1 = probe_read(m);
    mprotect(m, pg, PROT_READ | PROT_WRITE);
    int w2 = probe_write(m);
    printf("mprotect R: write=%d; NONE: read=%d; RW: write=%d value kept=%d\n", w1, r1, w2, m[1] == 1);

    // madvise(DONTNEED) on private anonymous memory reads back zeros
    m[6 * pg + 5] = 42;
    madvise(m + 6 * pg, pg, MADV_DONTNEED);
    printf("madvise DONTNEED zeroes: %d\n", m[6 * pg + 5] == 0);

    // mremap grow (may move), contents preserved
    char *g = mremap(m + 6 * pg, 2 * pg, 16 * pg, MREMAP_MAYMOVE);
    int kept = g != MAP_FAILED && g[pg + 7] == 8;
    if (g != MAP_FAILED) g[15 * pg] = 3;
    printf("mremap grow ok: %d contents kept: %d\n", g != MAP_FAILED, kept);
    munmap(g, 16 * pg);
    munmap(m, 6 * pg);

    // shared anonymous memory visible through a second mapping via fork-free check: MAP_SHARED
    // of a file, written through one mapping and read through another and through read()
    char path[128];
    snprintf(path, sizeof path, "/tmp/a64jit-mmap-%d", (int)getpid());
    int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
    unlink(path);
    char fbuf[8192];
    for (int i = 0; i < 8192; i++) fbuf[i] = (char)('a' + i % 26);
    write(fd, fbuf, sizeof fbuf);
    char *sh = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *pv = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    char *off = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 4096);
    printf("file map: sh[27]=%c pv[28]=%c off[0]=%c (want %c)\n", sh[27], pv[28], off[0], 'a' + 4096 % 26);
    sh[0] = 'S';
    pv[1] = 'P';
    char back[4] = {0};
    pread(fd, back, 2, 0);
    printf("after writes: file=[%c%c] sh[1]=%c pv[0]=%c\n", back[0], back[1], sh[1], pv[0]);
    sh[4096] = '!';
    printf("shared write visible at offset mapping: %d\n", off[0] == '!');
    msync(sh, 8192, MS_SYNC);
    munmap(sh, 8192); munmap(pv, 8192); munmap(off, 4096);
    close(fd);

    // brk
    char *b0 = sbrk(0);
    char *b1 = sbrk(3 * pg);
    memset(b1, 0x77, 3 * pg);
    char *b2 = sbrk(0);
    printf("sbrk grew by 3 pages: %d\n", b2 - b0 == 3 * pg && b1 == b0);
    sbrk(-3 * pg);

    // code generation: mov w0, #imm; ret
    uint32_t *code = mmap(NULL, pg, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int (*fn)(void) = (int (*)(void))code;
    int results[4];
    for (int k = 0; k < 4; k++) {
        code[0] = 0x52800000u | ((uint32_t)(100 + k * 11) << 5); // movz w0, #imm
        code[1] = 0xd65f03c0u;                                      // ret
        __builtin___clear_cache((char *)code, (char *)(code + 2));
        results[k] = fn();
    }
    printf("generated code results: %d %d %d %d\n", results[0], results[1], results[2], results[3]);
    // W^X flow: write with RW, flip to RX, run
    mprotect(code, pg, PROT_READ | PROT_WRITE);
    code[0] = 0x0b010000u; // add w0, w0, w1
    code[1] = 0xd65f03c0u;
    mprotect(code, pg, PROT_READ | PROT_EXEC);
    __builtin___clear_cache((char *)code, (char *)(code + 2));
    int (*add)(int, int) = (int (*)(int, int))code;
    printf("RX code add(40,2)=%d writable now=%d\n", add(40, 2), probe_write((char *)code + 64));
    munmap(code, pg);
    return 99;
}
