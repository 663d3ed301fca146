// A small stack-machine interpreter with a switch dispatch loop, running a bytecode program (a
// sieve of Eratosthenes and an LCG sum) size times.
// size: 15
// quick: 1
#include "bench.h"

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, AND, SHR, LT, JZ, JMP, ALOAD, ASTORE, DUP, POP, HALT };

typedef struct { uint8_t op; int32_t arg; } Insn;

static int64_t run(const Insn *code, int64_t *vars, int64_t *arr)
{
    int64_t stack[64];
    int sp = 0;
    for (int pc = 0;;) {
        const Insn in = code[pc++];
        switch (in.op) {
        case PUSH: stack[sp++] = in.arg; break;
        case LOAD: stack[sp++] = vars[in.arg]; break;
        case STORE: vars[in.arg] = stack[--sp]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case AND: sp--; stack[sp - 1] &= stack[sp]; break;
        case SHR: sp--; stack[sp - 1] = (int64_t)((uint64_t)stack[sp - 1] >> stack[sp]); break;
        case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case JZ: if (stack[--sp] == 0) pc = in.arg; break;
        case JMP: pc = in.arg; break;
        case ALOAD: stack[sp - 1] = arr[stack[sp - 1]]; break;
        case ASTORE: sp -= 2; arr[stack[sp + 1]] = stack[sp]; break; /* value, index */
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case POP: sp--; break;
        case HALT: return vars[0];
        default: return -1;
        }
    }
}

/* vars: 0 result, 1 i, 2 j, 3 limit, 4 lcg */
#define N 8000
static const Insn program[] = {
    /* 0: i = 2 */
    {PUSH, 2}, {STORE, 1},
    /* 2: while i < limit */
    {LOAD, 1}, {LOAD, 3}, {LT, 0}, {JZ, 30},
    /* 6: if arr[i] == 0 (prime) */
    {LOAD, 1}, {ALOAD, 0}, {JZ, 10}, {JMP, 25},
    /* 10: result += i; j = i + i */
    {LOAD, 0}, {LOAD, 1}, {ADD, 0}, {STORE, 0}, {LOAD, 1}, {DUP, 0}, {ADD, 0}, {STORE, 2},
    /* 18: while j < limit: arr[j] = 1; j += i */
    {LOAD, 2}, {LOAD, 3}, {LT, 0}, {JZ, 25},
    {PUSH, 1}, {LOAD, 2}, {JMP, 40},
    /* 25: i += 1 */
    {LOAD, 1}, {PUSH, 1}, {ADD, 0}, {STORE, 1}, {JMP, 2},
    /* 30: lcg loop: for i = 0 .. limit: lcg = (lcg * 1103515245 + 12345) & 0x7fffffff; result += lcg >> 16 */
    {PUSH, 0}, {STORE, 1}, {JMP, 46}, {HALT, 0}, {HALT, 0}, {HALT, 0}, {HALT, 0}, {HALT, 0}, {HALT, 0}, {HALT, 0},
    /* 40: arr[j] = 1 (stack: 1, j); j += i; back to 18 */
    {ASTORE, 0}, {LOAD, 2}, {LOAD, 1}, {ADD, 0}, {STORE, 2}, {JMP, 18},
    /* 46: */
    {LOAD, 1}, {LOAD, 3}, {LT, 0}, {JZ, 69},
    {LOAD, 4}, {PUSH, 1103515245}, {MUL, 0}, {PUSH, 12345}, {ADD, 0}, {PUSH, 0x7fffffff}, {AND, 0}, {DUP, 0}, {STORE, 4},
    {PUSH, 16}, {SHR, 0}, {LOAD, 0}, {ADD, 0}, {STORE, 0},
    {LOAD, 1}, {PUSH, 1}, {ADD, 0}, {STORE, 1}, /* 64..67 */
    /* 68: JMP 46 and 69: HALT are appended in main */
};

int main(int argc, char **argv)
{
    long n = bench_size(argc, argv, 15);
    /* the tail: 68 jumps back to 46, 69 and after halt */
    static Insn code[80];
    size_t len = sizeof program / sizeof program[0];
    memcpy(code, program, sizeof program);
    code[len] = (Insn){JMP, 46};
    for (size_t k = len + 1; k < 80; k++)
        code[k] = (Insn){HALT, 0};
    if (len != 68) {
        printf("bytecode: program layout changed (%zu)\n", len);
        return 1;
    }
    static int64_t arr[N];
    uint64_t sum = BENCH_CHECKSUM_INIT;
    for (long r = 0; r < n; r++) {
        memset(arr, 0, sizeof arr);
        int64_t vars[5] = {0, 0, 0, N - (r % 5), (int64_t)r};
        sum = bench_mix(sum, (uint64_t)run(code, vars, arr));
    }
    return bench_report("bytecode", n, sum);
}
