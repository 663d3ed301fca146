// args_env: the initial process state the loader builds: argc/argv (including an empty argument
// and one with spaces), envp and getenv of a variable set by the runner, auxv entries that must
// be sane (AT_PAGESZ, AT_HWCAP has FP/ASIMD, AT_RANDOM readable, AT_EXECFN names the program),
// stack alignment at main, and an exit code computed from argc via exit().
// args: alpha "two words" "" --flag=3
// env: A64JIT_GUEST_VAR=hello-from-env
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

int main(int argc, char **argv, char **envp) {
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++) printf("argv[%d]=[%s] len=%zu\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc] is NULL: %d\n", argv[argc] == NULL);
    const char *slash = strrchr(argv[0], '/');
    printf("argv[0] basename=%s\n", slash ? slash + 1 : argv[0]);
    const char *v = getenv("A64JIT_GUEST_VAR");
    printf("getenv=%s\n", v ? v : "(unset)");
    printf("getenv of unset=%s\n", getenv("A64JIT_SURELY_UNSET_VAR") ? "set" : "(unset)");
    int found = 0, n = 0;
    for (char **e = envp; *e; e++, n++)
        if (strcmp(*e, "A64JIT_GUEST_VAR=hello-from-env") == 0) found = 1;
    printf("envp has var: %d, envp nonempty: %d, environ==envp: %d\n", found, n > 0,
           (void *)envp == (void *)__environ);
    setenv("A64JIT_NEW", "x=y", 1);
    printf("setenv/getenv: %s\n", getenv("A64JIT_NEW"));
    unsetenv("A64JIT_GUEST_VAR");
    printf("after unsetenv: %s\n", getenv("A64JIT_GUEST_VAR") ? "set" : "(unset)");

    unsigned long pagesz = getauxval(AT_PAGESZ), hwcap = getauxval(AT_HWCAP);
    printf("AT_PAGESZ ok: %d\n", pagesz == 4096 || pagesz == 16384 || pagesz == 65536);
    printf("AT_HWCAP has FP and ASIMD: %d\n", (hwcap & 3) == 3);
    const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
    unsigned x = 0;
    for (int i = 0; rnd && i < 16; i++) x |= rnd[i];
    printf("AT_RANDOM readable: %d\n", rnd != NULL);
    (void)x;
    const char *fn = (const char *)getauxval(AT_EXECFN);
    const char *fs = fn ? strrchr(fn, '/') : NULL;
    printf("AT_EXECFN basename=%s\n", fn ? (fs ? fs + 1 : fn) : "(none)");
    printf("AT_UID==getuid: %d\n", getauxval(AT_UID) == (unsigned long)getuid());
    uintptr_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    printf("sp 16-aligned: %d\n", (sp & 15) == 0);
    fflush(stdout);
    exit(argc * 10 + 3);
}
