// setjmp: non-local control flow: setjmp/longjmp across several frames with values 0 (becomes 1)
// and others, callee-saved registers (x19-x28, d8-d15) preserved across longjmp via volatile
// locals, nested jump buffers, _setjmp/_longjmp, sigsetjmp/siglongjmp with and without saving the
// signal mask, and C++-free recursion unwinding through 1000 frames.
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static jmp_buf env, env2;
static sigjmp_buf senv;
static int depth_reached;

__attribute__((noinline)) static void deep(int n, int val) {
    volatile char pad[64];
    pad[n % 64] = (char)n;
    if (n == 0) longjmp(env, val);
    depth_reached++;
    deep(n - 1, val);
    pad[0]++;
}

__attribute__((noinline)) static double fp_work(double x) {
    // clobbers many FP registers, including callee-saved d8-d15
    double a = x, b = x * 2, c = x * 3, d = x * 4, e = x * 5, f = x * 6, g = x * 7, h = x * 8;
    for (int i = 0; i < 10; i++) { a += b * c; b += c * d; c += d * e; d += e * f; e += f * g; f += g * h; g += h * a; h += a * b; }
    if (x > 0) longjmp(env2, 3);
    return a + b + c + d + e + f + g + h;
}

int main(void) {
    volatile int counter = 0;
    int r = setjmp(env);
    counter++;
    printf("setjmp returned %d (counter %d)\n", r, counter);
    if (r == 0) deep(1000, 0);        // longjmp(env, 0) must come back as 1
    else if (r == 1) deep(10, 77);
    printf("depth reached %d\n", depth_reached);

    register long keep19 __asm__("x19") = 0x1919;
    volatile double keepd = 2.5;
    if ((r = setjmp(env2)) == 0) {
        fp_work(1.0);
        printf("not reached\n");
    }
    __asm__ volatile("" : "+r"(keep19));
    printf("after fp longjmp r=%d x19=%lx d=%g\n", r, keep19, keepd);

    // nested buffers: inner jump does not disturb the outer one
    int outer = setjmp(env);
    if (outer == 0) {
        int inner = setjmp(env2);
        if (inner < 5) longjmp(env2, inner + 1);
        printf("inner loop ended at %d\n", inner);
        longjmp(env, 42);
    }
    printf("outer got %d\n", outer);

    // _setjmp does not save the mask; sigsetjmp(…, 1) restores it
    if (_setjmp(env) == 0) _longjmp(env, 9);
    printf("_longjmp ok\n");
    sigset_t set, cur;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    if (sigsetjmp(senv, 1) == 0) {
        sigprocmask(SIG_BLOCK, &set, NULL);
        sigprocmask(SIG_BLOCK, NULL, &cur);
        printf("blocked before siglongjmp: %d\n", sigismember(&cur, SIGUSR2));
        siglongjmp(senv, 1);
    }
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("blocked after siglongjmp(savemask=1): %d\n", sigismember(&cur, SIGUSR2));
    if (sigsetjmp(senv, 0) == 0) {
        sigprocmask(SIG_BLOCK, &set, NULL);
        siglongjmp(senv, 1);
    }
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("blocked after siglongjmp(savemask=0): %d\n", sigismember(&cur, SIGUSR2));
    return 55;
}
