// printf: the formatting engine of glibc's printf family: integer conversions (%d %i %u %o %x %X
// %c %s %p-free) with flags (- + space # 0), width and precision (also via *), length modifiers
// (hh h l ll j z t), %n, positional arguments (%2$s), snprintf truncation and return values,
// sprintf into a buffer, wide chars via %ls, puts/putchar/fputs/fwrite to stdout, and
// stderr output (not compared, but must not interfere).
#include <stdio.h>
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include <wchar.h>
#include <limits.h>
#include <inttypes.h>

int main(void) {
    int ints[] = {0, 1, -1, 42, -42, 255, 65535, INT_MAX, INT_MIN, 1000000};
    for (unsigned i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        int v = ints[i];
        printf("[%d] [%i] [%u] [%o] [%x] [%X] [%#o] [%#x] [%+d] [% d] [%8d] [%-8d|] [%08d] [%.5d] [%8.3d] [%-+8.3d|]\n",
               v, v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v,
               v, v, v, v, v, v, v, v);
        printf("  hh=[%hhd %hhu %hhx] h=[%hd %hu %hx]\n", (signed char)v, (unsigned char)v,
               (unsigned char)v, (short)v, (unsigned short)v, (unsigned short)v);
    }
    long long lls[] = {0, LLONG_MAX, LLONG_MIN, -1, 1234567890123456789LL};
    for (unsigned i = 0; i < sizeof lls / sizeof lls[0]; i++)
        printf("[%lld] [%llu] [%llx] [%#llo] [%ld] [%jd] [%zu] [%td] [%" PRId64 "] [%" PRIx64 "]\n",
               lls[i], (unsigned long long)lls[i], (unsigned long long)lls[i],
               (unsigned long long)lls[i], (long)lls[i], (intmax_t)lls[i], (size_t)lls[i],
               (ptrdiff_t)lls[i], (int64_t)lls[i], (uint64_t)lls[i]);
    printf("[%c][%3c][%-3c][%%]\n", 'A', 'b', 'c');
    const char *s = "hello, world";
    printf("[%s] [%20s] [%-20s] [%.5s] [%20.5s] [%-*.*s] [%*s]\n", s, s, s, s, s, 10, 3, s, -6, "ab");
    printf("[%.*d] [%*d] [%-*d]\n", 6, 42, 7, -3, 7, 9);
    printf("[%3$s %1$s %2$s]\n", "one", "two", "three");
    printf("[%2$*1$d] [%2$-*1$d]\n", 6, 42);
    printf("[%1$d %1$x %1$o]\n", 255);
    int n1 = 0, n2 = 0;
    printf("abc%n defgh%n\n", &n1, &n2);
    printf("n: %d %d\n", n1, n2);
    char buf[16];
    int r = snprintf(buf, sizeof buf, "%s-%d-%s", "truncate", 123456, "me please");
    printf("snprintf ret=%d buf=[%s]\n", r, buf);
    r = snprintf(NULL, 0, "%0*d", 30, 7);
    printf("snprintf size-only ret=%d\n", r);
    r = snprintf(buf, 1, "xyz");
    printf("snprintf n=1 ret=%d buf0=%d\n", r, buf[0]);
    char big[512];
    r = sprintf(big, "%s|%50s|%-50d|%#.20x", "x", "y", 3, 0xabcdefu);
    printf("sprintf ret=%d len=%zu tail=[%s]\n", r, strlen(big), big + r - 25);
    printf("[%ls] [%lc] [%5ls]\n", L"wide", (wint_t)L'W', L"ab");
    printf("[%.0d] [%#.0o] [%#x] [%+u]\n", 0, 0, 0, 5u);
    puts("puts line");
    fputs("fputs no newline|", stdout);
    putchar('X');
    putchar('\n');
    fwrite("fwrite 8\n", 1, 9, stdout);
    fprintf(stderr, "this goes to stderr\n");
    // many small writes and a long line to exercise stdio buffering
    for (int i = 0; i < 200; i++) printf("%d%c", i * i, i % 20 == 19 ? '\n' : ',');
    for (int i = 0; i < 5000; i++) putchar('a' + i % 26);
    putchar('\n');
    fflush(stdout);
    printf("done\n");
    return 7;
}
