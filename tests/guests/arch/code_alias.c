// code_alias: code generated through one mapping of a memfd and run through another (a JIT's
// W^X double mapping): the executable view is never written directly, so only the instruction-cache
// maintenance (__builtin___clear_cache: DC CVAU + IC IVAU) tells a translator that the code changed.
// The function is rewritten several times and called after each rewrite, in a loop, so a stale
// translation would print the old value.
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
    int fd = memfd_create("code", 0);
    if (fd < 0 || ftruncate(fd, 4096) != 0) {
        perror("memfd");
        return 1;
    }
    uint32_t *rw = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    uint32_t *rx = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    if (rw == MAP_FAILED || rx == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    int (*fn)(int) = (int (*)(int))(void *)rx;
    long total = 0;
    for (int round = 0; round < 6; round++) {
        // add w0, w0, #imm ; ret
        rw[0] = 0x11000000u | ((uint32_t)(round * 7 + 1) << 10);
        rw[1] = 0xd65f03c0u;
        __builtin___clear_cache((char *)rx, (char *)(rx + 2));
        for (int i = 0; i < 1000; i++)
            total += fn(i);
        printf("round %d: fn(10) = %d\n", round, fn(10));
    }
    printf("total %ld\n", total);
    return 0;
}
