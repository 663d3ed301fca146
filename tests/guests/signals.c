// signals: delivery and return: SIGSEGV from a NULL write and from a write to a read-only page
// (si_code MAPERR/ACCERR, si_addr) left with siglongjmp; SIGILL from an undefined instruction
// (.inst 0x00000000) and SIGTRAP from BRK, both resumed by advancing uc_mcontext.pc; a handler
// that edits a saved register; raise(SIGUSR1) and kill(getpid(), SIGUSR2); sigprocmask blocking
// with sigpending then unblocking (delivery on unblock); sa_mask and SA_NODEFER nesting;
// SA_RESETHAND; sigaltstack; sigqueue with a value on a real-time signal; SIG_IGN.
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <ucontext.h>

static sigjmp_buf jb;
static volatile sig_atomic_t usr1_count, usr2_count, nest_depth, max_nest, rt_value, on_alt;
static volatile int segv_code;
static volatile uintptr_t segv_addr;
static volatile uint64_t trap_pc_delta;
static char altstack[65536];

static void segv_handler(int sig, siginfo_t *si, void *uc) {
    (void)uc;
    segv_code = si->si_code;
    segv_addr = (uintptr_t)si->si_addr;
    siglongjmp(jb, sig);
}

extern char ill_insn[], brk_insn[];
static void ill_handler(int sig, siginfo_t *si, void *ucv) {
    ucontext_t *uc = ucv;
    // Linux reports ILL_ILLOPC for an undefined instruction, qemu-user ILL_ILLOPN: accept both
    int code_ok = sig == SIGILL ? (si->si_code == ILL_ILLOPC || si->si_code == ILL_ILLOPN)
                                : si->si_code == TRAP_BRKPT;
    printf("  %s: si_addr is the insn: %d, pc is the insn: %d, code ok: %d\n",
           sig == SIGILL ? "SIGILL" : "SIGTRAP",
           (char *)si->si_addr == (sig == SIGILL ? ill_insn : brk_insn),
           (char *)uc->uc_mcontext.pc == (sig == SIGILL ? ill_insn : brk_insn), code_ok);
    uc->uc_mcontext.pc += 4;          // skip the faulting instruction
    uc->uc_mcontext.regs[0] += 1000;  // visible to the interrupted code
}

static void usr_handler(int sig) {
    if (sig == SIGUSR1) usr1_count++;
    else usr2_count++;
}

static volatile sig_atomic_t nest_calls;
static void nest_handler(int sig) {
    nest_depth++;
    nest_calls++;
    if (nest_depth > max_nest) max_nest = nest_depth;
    if (nest_calls < 3) raise(sig); // with SA_NODEFER this nests immediately
    nest_depth--;
}

static void rt_handler(int sig, siginfo_t *si, void *uc) {
    (void)sig; (void)uc;
    rt_value = si->si_value.sival_int;
    char local;
    on_alt = &local >= altstack && &local < altstack + sizeof altstack;
}

static void install(int sig, void (*h)(int, siginfo_t *, void *), int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = h;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    install(SIGSEGV, segv_handler, 0);
    int r = sigsetjmp(jb, 1);
    if (r == 0) {
        *(volatile int *)0 = 1;
        printf("NULL write did not fault\n");
    } else {
        printf("NULL write: signal %d code=%s addr==0:%d\n", r,
               segv_code == SEGV_MAPERR ? "SEGV_MAPERR" : "other", segv_addr == 0);
    }
    char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    r = sigsetjmp(jb, 1);
    if (r == 0) {
        ro[123] = 1;
        printf("read-only write did not fault\n");
    } else {
        printf("read-only write: signal %d code=%s addr ok:%d\n", r,
               segv_code == SEGV_ACCERR ? "SEGV_ACCERR" : "other", segv_addr == (uintptr_t)(ro + 123));
    }
    r = sigsetjmp(jb, 1);
    if (r == 0) {
        ((void (*)(void))ro)(); // executing a non-executable page
        printf("exec of non-exec page did not fault\n");
    } else {
        printf("exec of PROT_READ page: signal %d code=%s\n", r,
               segv_code == SEGV_ACCERR ? "SEGV_ACCERR" : "other");
    }
    munmap(ro, 4096);

    install(SIGILL, ill_handler, 0);
    install(SIGTRAP, ill_handler, 0);
    uint64_t x0;
    __asm__ volatile("mov x0, #5\n\t.globl ill_insn\nill_insn:\n\t.inst 0x00000000\n\tmov %0, x0"
                     : "=r"(x0) :: "x0", "memory");
    printf("after SIGILL x0=%llu\n", (unsigned long long)x0);
    __asm__ volatile("mov x0, #6\n\t.globl brk_insn\nbrk_insn:\n\tbrk #0x3e8\n\tmov %0, x0"
                     : "=r"(x0) :: "x0", "memory");
    printf("after SIGTRAP x0=%llu\n", (unsigned long long)x0);

    signal(SIGUSR1, usr_handler);
    signal(SIGUSR2, usr_handler);
    raise(SIGUSR1);
    kill(getpid(), SIGUSR2);
    kill(getpid(), SIGUSR1);
    printf("usr1=%d usr2=%d\n", usr1_count, usr2_count);

    sigset_t set, old, pend;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR1);
    raise(SIGUSR1); // standard signals do not queue: one delivery
    sigpending(&pend);
    printf("blocked: usr1=%d pending=%d\n", usr1_count, sigismember(&pend, SIGUSR1));
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("unblocked: usr1=%d\n", usr1_count);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = nest_handler;
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    printf("SA_NODEFER max nesting=%d calls=%d\n", max_nest, nest_calls);
    max_nest = 0;
    nest_calls = 0;
    sa.sa_flags = 0; // the signal is blocked in its own handler: raised again after return
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    printf("deferred max nesting=%d calls=%d\n", max_nest, nest_calls);

    sa.sa_handler = usr_handler;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    struct sigaction now;
    sigaction(SIGUSR1, NULL, &now);
    printf("SA_RESETHAND: usr1=%d handler reset=%d\n", usr1_count, now.sa_handler == SIG_DFL);

    signal(SIGUSR1, SIG_IGN);
    raise(SIGUSR1);
    printf("SIG_IGN survived\n");

    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    install(SIGRTMIN + 2, rt_handler, SA_ONSTACK);
    union sigval v = {.sival_int = 4242};
    sigqueue(getpid(), SIGRTMIN + 2, v);
    printf("sigqueue value=%d on altstack=%d\n", rt_value, on_alt);

    // queued real-time signals are all delivered, in order, on unblock
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    for (int i = 1; i <= 3; i++) { v.sival_int = i; sigqueue(getpid(), SIGRTMIN + 2, v); }
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("last queued value=%d\n", rt_value);
    return 66;
}
