// Exception entry and return at EL2, EL1 and EL0: vector offsets, ESR/ELR/SPSR, SP selection, HVC,
// SVC, BRK, UNDEF, an EL2 register from EL1
// (UNDEFINED at EL1, el2.md case 4), HVC #0x1234 from EL1 (case 21), CurrentEL (case 10), an EL0 SVC.
// Not here: the _EL12 alias without E2H (case 3), which QEMU 7.2 wrongly allows (the unit tests check it).
        .include "macros.inc"
        .section .text.start
        .global _start
_start:
        START
        mrs     x1, CurrentEL
        CHECK   "CurrentEL at entry", x1
        mrs     x1, daif
        CHECK   "DAIF at entry", x1
        // Calls and breakpoints taken at EL2 itself (vector +0x200: current EL with SP_EL2).
        svc     #0x11
        hvc     #0x22
        brk     #0x33
        .inst   0x00000000                       // UDF #0
        // SP_EL0 and SP_EL2 are distinct; with SPSel = 0 an exception uses vector +0x000.
        ldr     x1, =0x47F00000
        msr     sp_el0, x1
        msr     spsel, #0
        mov     x2, sp
        CHECK   "SP with SPSel 0", x2
        svc     #0x44
        msr     spsel, #1
        mov     x2, sp
        CHECK   "SP with SPSel 1", x2
        // Down to EL1h: HCR_EL2.RW, SPSR_EL2 = EL1h with DAIF masked.
        TO_EL1  el1, (1 << 31)

el1:    mrs     x1, CurrentEL
        CHECK   "CurrentEL at EL1", x1
        mov     x2, sp
        CHECK   "SP at EL1", x2
        svc     #0x55                            // to EL1, +0x200
        hvc     #0x1234                          // to EL2, +0x400
        mrs     x1, hcr_el2                      // UNDEFINED at EL1
        brk     #0x66
        // Down to EL0t.
        mov     x1, #0
        msr     spsr_el1, x1
        adr     x1, el0
        msr     elr_el1, x1
        ldr     x1, =0x47D00000
        msr     sp_el0, x1
        eret

el0:    svc     #0x77                            // to EL1, +0x400 (lower EL, AArch64)
        mrs     x1, sctlr_el1                    // UNDEFINED at EL0, taken to EL1
        hvc     #0                               // UNDEFINED at EL0
        smc     #0                               // UNDEFINED at EL0
        SAY     "back at EL0"
        svc     #0xFFFF                          // done: the EL1 vector powers off

        .include "lib.inc"
