// el2_exceptions: exception entry and return at EL2 (el2.md §4, §9 cases 10, 21, 22, 26).
//   CurrentEL/DAIF/SPSel at entry; HVC, SVC, BRK and UDF taken at EL2 itself (vector +0x200:
//   ESR_EL2, ELR_EL2 - the instruction, SPSR_EL2 with the NZCV/DAIF of the interrupted code, DAIF
//   and SPSel inside the handler); SPSel=0 (SP_EL0 in use, vector +0x000, SPSR.M = EL2t); DAIFSet/
//   DAIFClr; ERET to EL2t; HVC with HCR_EL2.HCD=1 (UNDEFINED); HVC #0x1234 from EL1 (+0x400);
//   illegal exception returns (EL1 target with TGE=1, an EL3 target, a reserved mode).
// Not here: case 3 (an _EL12 alias at EL2 with E2H=0 is UNDEFINED): QEMU 7.2 lets the access
// through (QEMU disagrees with el2.md and the Arm ARM), so no expected output can be recorded for it.
#include "lib.inc"

        .text
        .global main
main:
        stp     x29, x30, [sp, #-16]!
        ADRL    x1, entry_state
        ldr     x2, [x1]
        CHECK   "CurrentEL at entry", x2
        ldr     x2, [x1, #8]
        CHECK   "DAIF at entry", x2
        ldr     x2, [x1, #16]
        CHECK   "SPSel at entry", x2
        mrs     x2, CurrentEL
        CHECK   "CurrentEL at EL2 (case 10)", x2

        ADRL    x1, rec_vectors_el2
        msr     vbar_el2, x1
        isb

        // HVC at EL2 is taken at EL2 (case 22), with DAIF clear and Z|C set before it.
        EXC_CLEAR
        msr     daifclr, #0xf
        MOV64   x1, 0x60000000
        msr     nzcv, x1
hvc1:   hvc     #0x22
        msr     daifset, #0xf
        SHOW    "hvc", hvc1
        EXC_LOAD x2, EXC_DAIF
        CHECK   "hvc handler daif", x2
        EXC_LOAD x2, EXC_SPSEL
        CHECK   "hvc handler spsel", x2
        EXC_LOAD x2, EXC_EL
        CHECK   "hvc handler CurrentEL", x2

        // SVC, BRK and UDF #0 at EL2 (DAIF masked, N set).
        EXC_CLEAR
        MOV64   x1, 0x80000000
        msr     nzcv, x1
svc1:   svc     #0x11
        SHOW    "svc", svc1
        EXC_CLEAR
        msr     nzcv, xzr
brk1:   brk     #0x33
        SHOW    "brk", brk1
        EXC_CLEAR
udf1:   .inst   0x00000000                      // UDF #0: EC 0 (unknown reason)
        SHOW    "udf", udf1

        // DAIFSet/DAIFClr.
        msr     daifclr, #0xf
        mrs     x2, daif
        CHECK   "daif after daifclr 0xf", x2
        msr     daifset, #0x5
        mrs     x2, daif
        CHECK   "daif after daifset 0x5", x2
        msr     daifset, #0xf
        mrs     x2, daif
        CHECK   "daif after daifset 0xf", x2

        // SPSel = 0: SP is SP_EL0; an exception then uses vector +0x000 and saves M = EL2t.
        MOV64   x1, 0x47400000
        msr     sp_el0, x1
        mov     x19, sp
        msr     spsel, #0
        mov     x2, sp
        CHECK   "sp with spsel 0", x2
        mrs     x2, spsel
        CHECK   "spsel after msr spsel 0", x2
        EXC_CLEAR
svc2:   svc     #0x44
        msr     spsel, #1
        mov     x2, sp
        sub     x2, x19, x2
        CHECK   "sp_el2 - sp with spsel 1", x2
        SHOW    "svc spsel0", svc2
        EXC_LOAD x2, EXC_SPSEL
        CHECK   "svc spsel0 handler spsel", x2
        EXC_LOAD x2, EXC_SP
        sub     x2, x19, x2
        CHECK   "svc spsel0 sp_el2 - handler sp", x2

        // ERET to EL2t (SPSR = 0x3C8): a legal return to the same EL with SP_EL0.
        mov     x1, #0x3c8
        msr     spsr_el2, x1
        adr     x1, at_el2t
        msr     elr_el2, x1
        eret
at_el2t:
        mrs     x2, spsel
        CHECK   "spsel after eret to EL2t", x2
        mov     x2, sp
        CHECK   "sp after eret to EL2t", x2
        mrs     x2, CurrentEL
        CHECK   "CurrentEL after eret to EL2t", x2
        msr     spsel, #1

        // HCR_EL2.HCD=1: HVC is UNDEFINED (no EL3), reported at the HVC.
        MOV64   x1, (1 << 31) | (1 << 29)
        msr     hcr_el2, x1
        isb
        EXC_CLEAR
hvc2:   hvc     #0x55
        SHOW    "hvc with HCD", hvc2
        MOV64   x1, (1 << 31)
        msr     hcr_el2, x1
        isb

        // HVC #0x1234 from EL1h (case 21): vector +0x400, SPSR_EL2.M = EL1h, DAIF = 0xF in the handler.
        // The handler resumes at back_at_el2 in EL2h.
        EXC_CLEAR
        adr     x1, back_at_el2
        EXC_STORE x1, EXC_RESUME, x2
        MOV64   x1, (1 << 63) | 0x3c9
        EXC_STORE x1, EXC_RESUME_SPSR, x2
        TO_EL1  at_el1
at_el1:
hvc3:   hvc     #0x1234
        b       .
back_at_el2:
        SHOW    "hvc from EL1", hvc3
        EXC_LOAD x2, EXC_DAIF
        CHECK   "hvc from EL1 handler daif", x2
        mrs     x2, CurrentEL
        CHECK   "CurrentEL after resume", x2

        // Illegal return (case 26): TGE=1 and SPSR_EL2 = EL1h. The PE stays at EL2h with IL=1 and
        // NZCV/DAIF from the SPSR; the instruction at ELR_EL2 takes EC 0x0E at +0x200.
        MOV64   x1, (1 << 31) | (1 << 27)
        msr     hcr_el2, x1
        isb
        EXC_CLEAR
        MOV64   x1, 0x200003c5                  // C set, DAIF masked, EL1h
        msr     spsr_el2, x1
        adr     x1, ill1
        msr     elr_el2, x1
        eret
ill1:   nop
        SHOW    "illegal eret to EL1 with TGE", ill1
        MOV64   x1, (1 << 31)
        msr     hcr_el2, x1
        isb
        // A return to EL3 (not implemented) and to a reserved mode (M[1]=1) are illegal too.
        EXC_CLEAR
        mov     x1, #0x3cd                      // EL3h
        msr     spsr_el2, x1
        adr     x1, ill2
        msr     elr_el2, x1
        eret
ill2:   nop
        SHOW    "illegal eret to EL3", ill2
        EXC_CLEAR
        mov     x1, #0x3c6                      // M = 0b0110: reserved
        msr     spsr_el2, x1
        adr     x1, ill3
        msr     elr_el2, x1
        eret
ill3:   nop
        SHOW    "illegal eret to a reserved mode", ill3
        mrs     x2, CurrentEL
        CHECK   "CurrentEL at the end", x2

        SAY     "done"
        ldp     x29, x30, [sp], #16
        ret
