// fileio: file and directory syscalls on a private directory under /tmp (unique name from pid and
// a counter, never printed): mkdir, open/O_CREAT|O_EXCL, write/read/pread/pwrite, lseek
// (SET/CUR/END, holes), fstat/stat/lstat sizes and modes, ftruncate, readv/writev, dup/dup2,
// fcntl flags, rename, symlink/readlink, access, getcwd/chdir, opendir/readdir (getdents64) with
// sorted names, unlink/rmdir; stdio fopen/fprintf/fgets; pipe round trip; clock_gettime
// monotonic differences (printed only as booleans), gettimeofday, time, nanosleep.
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
#define CHECK(x) do { if (!(x)) { printf("FAILED: %s (errno %d) line %d\n", #x, errno, __LINE__); fails++; } } while (0)
static int fails;

int main(void) {
    char dir[128], path[192], path2[192];
    umask(022); // modes printed below must not depend on the runner's umask
    snprintf(dir, sizeof dir, "/tmp/a64jit-guest-%d-%ld", (int)getpid(), (long)time(NULL) % 100000);
    CHECK(mkdir(dir, 0755) == 0);
    CHECK(mkdir(dir, 0755) == -1 && errno == EEXIST);
    snprintf(path, sizeof path, "%s/data.bin", dir);

    int fd = open(path, O_CREAT | O_EXCL | O_RDWR, 0640);
    CHECK(fd >= 0);
    CHECK(open(path, O_CREAT | O_EXCL | O_RDWR, 0640) == -1 && errno == EEXIST);
    char buf[8192];
    for (int i = 0; i < (int)sizeof buf; i++) buf[i] = (char)('A' + i % 23);
    CHECK(write(fd, buf, sizeof buf) == (ssize_t)sizeof buf);
    CHECK(lseek(fd, 0, SEEK_CUR) == 8192);
    CHECK(lseek(fd, 100, SEEK_SET) == 100);
    char rd[64] = {0};
    CHECK(read(fd, rd, 10) == 10);
    printf("read at 100: %.10s\n", rd);
    CHECK(lseek(fd, -5, SEEK_END) == 8187);
    memset(rd, 0, sizeof rd);
    printf("read at end: %zd [%s]\n", read(fd, rd, 64), rd);
    printf("read at eof: %zd\n", read(fd, rd, 64));
    CHECK(pwrite(fd, "PWRITE", 6, 20000) == 6); // leaves a hole
    memset(rd, 1, 16);
    CHECK(pread(fd, rd, 16, 9000) == 16);
    int zeros = 0;
    for (int i = 0; i < 16; i++) zeros += rd[i] == 0;
    printf("hole reads zeros: %d\n", zeros);
    struct stat st;
    CHECK(fstat(fd, &st) == 0);
    printf("fstat size=%lld mode=%o regular=%d nlink=%d\n", (long long)st.st_size,
           st.st_mode & 07777, S_ISREG(st.st_mode), (int)st.st_nlink);
    CHECK(ftruncate(fd, 4096) == 0);
    CHECK(fstat(fd, &st) == 0);
    printf("after ftruncate size=%lld\n", (long long)st.st_size);
    struct iovec iov[3] = {{"one ", 4}, {"two ", 4}, {"three\n", 6}};
    CHECK(lseek(fd, 0, SEEK_SET) == 0);
    CHECK(writev(fd, iov, 3) == 14);
    char a[5] = {0}, b[10] = {0};
    struct iovec riov[2] = {{a, 4}, {b, 9}};
    CHECK(lseek(fd, 0, SEEK_SET) == 0);
    CHECK(readv(fd, riov, 2) == 13);
    printf("readv: [%s][%s]\n", a, b);
    int fd2 = dup(fd);
    CHECK(fd2 > fd);
    CHECK(lseek(fd2, 0, SEEK_CUR) == 13); // shared file offset
    CHECK(dup2(fd, 100) == 100);
    CHECK(fcntl(100, F_GETFD) == 0);
    CHECK(fcntl(100, F_SETFD, FD_CLOEXEC) == 0 && fcntl(100, F_GETFD) == FD_CLOEXEC);
    printf("O_RDWR in flags: %d\n", (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
    int fd3 = fcntl(fd, F_DUPFD, 50);
    printf("F_DUPFD >= 50: %d\n", fd3 >= 50);
    close(fd3); close(100); close(fd2); close(fd);
    CHECK(close(fd) == -1 && errno == EBADF);

    snprintf(path2, sizeof path2, "%s/renamed.bin", dir);
    CHECK(rename(path, path2) == 0);
    CHECK(access(path, F_OK) == -1 && errno == ENOENT);
    CHECK(access(path2, R_OK | W_OK) == 0);
    CHECK(stat(path2, &st) == 0 && st.st_size == 4096);
    char link[192], target[192];
    snprintf(link, sizeof link, "%s/link", dir);
    CHECK(symlink("renamed.bin", link) == 0);
    ssize_t ln = readlink(link, target, sizeof target - 1);
    if (ln >= 0) target[ln] = 0;
    printf("readlink: %s\n", ln >= 0 ? target : "(fail)");
    CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
    CHECK(stat(link, &st) == 0 && S_ISREG(st.st_mode));

    // stdio on a file
    char txt[192];
    snprintf(txt, sizeof txt, "%s/notes.txt", dir);
    FILE *f = fopen(txt, "w");
    CHECK(f != NULL);
    for (int i = 0; i < 100; i++) fprintf(f, "line %d: %d\n", i, i * i);
    fclose(f);
    f = fopen(txt, "r");
    char line[64];
    int lines = 0;
    long lsum = 0;
    while (fgets(line, sizeof line, f)) { lines++; lsum += strlen(line); }
    fclose(f);
    printf("stdio lines=%d bytes=%ld\n", lines, lsum);

    // directory listing
    char sub[192];
    snprintf(sub, sizeof sub, "%s/subdir", dir);
    CHECK(mkdir(sub, 0700) == 0);
    for (int i = 0; i < 20; i++) {
        char p[256];
        snprintf(p, sizeof p, "%s/f%02d", dir, (i * 7) % 20);
        int t = open(p, O_CREAT | O_WRONLY, 0600);
        CHECK(t >= 0);
        close(t);
    }
    DIR *d = opendir(dir);
    CHECK(d != NULL);
    char *names[64];
    int nn = 0, ndirs = 0;
    struct dirent *de;
    while ((de = readdir(d)) && nn < 64) {
        names[nn++] = strdup(de->d_name);
        if (de->d_type == DT_DIR) ndirs++;
    }
    closedir(d);
    qsort(names, nn, sizeof names[0], cmp);
    printf("readdir %d entries (%d dirs):", nn, ndirs);
    for (int i = 0; i < nn; i++) { printf(" %s", names[i]); }
    printf("\n");

    char cwd[512], cwd2[512];
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    CHECK(chdir(sub) == 0);
    CHECK(getcwd(cwd2, sizeof cwd2) != NULL);
    printf("chdir matches: %d\n", strcmp(cwd2, sub) == 0);
    CHECK(chdir(cwd) == 0);

    // cleanup
    for (int i = 0; i < nn; i++) {
        if (names[i][0] == '.' || strcmp(names[i], "subdir") == 0) { free(names[i]); continue; }
        char p[256];
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        CHECK(unlink(p) == 0);
        free(names[i]);
    }
    CHECK(rmdir(dir) == -1 && errno == ENOTEMPTY);
    CHECK(rmdir(sub) == 0);
    CHECK(rmdir(dir) == 0);
    CHECK(access(dir, F_OK) == -1);

    // pipe
    int pfd[2];
    CHECK(pipe(pfd) == 0);
    CHECK(write(pfd[1], "through a pipe", 14) == 14);
    memset(rd, 0, sizeof rd);
    CHECK(read(pfd[0], rd, sizeof rd) == 14);
    printf("pipe: %s\n", rd);
    close(pfd[0]); close(pfd[1]);

    // time
    struct timespec t0, t1, rt;
    CHECK(clock_gettime(CLOCK_MONOTONIC, &t0) == 0);
    struct timespec nap = {0, 2000000};
    CHECK(nanosleep(&nap, NULL) == 0);
    CHECK(clock_gettime(CLOCK_MONOTONIC, &t1) == 0);
    long long dt = (t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
    printf("monotonic non-decreasing: %d, slept >= 2ms: %d\n", dt >= 0, dt >= 2000000);
    CHECK(clock_gettime(CLOCK_REALTIME, &rt) == 0);
    struct timeval tv;
    CHECK(gettimeofday(&tv, NULL) == 0);
    time_t now = time(NULL);
    printf("realtime after 2020: %d, gettimeofday agrees: %d, time agrees: %d\n",
           rt.tv_sec > 1577836800, tv.tv_sec - rt.tv_sec < 5, now - rt.tv_sec < 5);
    struct timespec res;
    CHECK(clock_getres(CLOCK_MONOTONIC, &res) == 0);
    printf("monotonic resolution <= 1ms: %d\n", res.tv_sec == 0 && res.tv_nsec <= 1000000);
    printf("failures: %d\n", fails);
    return fails ? 1 : 88;
}
