// lib.S: the start-up code and routines linked into every bare-metal test program.
//   _start            entry at EL2 (MMU off): records CurrentEL/DAIF/SPSel at entry (entry_state),
//                     sets SP_EL2, known SCTLR_EL2/SCTLR_EL1/HCR_EL2/CPTR_EL2/CNTHCTL_EL2 values,
//                     the default vectors at EL2 and EL1, calls main, powers off
//   putc, puts        PL011 output (UARTDR at +0, UARTFR.TXFF = bit 5 at +0x18)
//   lib_check         the CHECK macro's "name: 0x<hex>" line
//   poweroff          PSCI SYSTEM_OFF through SMC #0 (works at EL2, and at EL1 while HCR_EL2.TSC=0)
//   default_vectors_el2/el1   print "unexpected exception" with the ESR/ELR/FAR/SPSR and power off
//   rec_vectors_el2/el1       record the exception in `exc` (lib.inc's EXC_* fields) and return:
//                     SVC/HVC to the next instruction (the preferred return), other synchronous
//                     exceptions past the faulting instruction (ELR + 4, IL cleared for EC 0x0E),
//                     or to exc.resume when set; an IRQ calls exc.irq_hook when set.
#include "lib.inc"

        .section .text.start, "ax"
        .global _start
_start:
        mrs     x19, CurrentEL
        mrs     x20, daif
        mrs     x21, spsel
        ADRL    x0, entry_state
        stp     x19, x20, [x0]
        str     x21, [x0, #16]
        MOV64   x0, STACK_EL2
        mov     sp, x0
        ADRL    x0, default_vectors_el2
        msr     vbar_el2, x0
        ADRL    x0, default_vectors_el1
        msr     vbar_el1, x0
        // Known control values instead of reset values that differ between implementations.
        MOV64   x0, 0x30C50830                  // SCTLR_EL2: RES1 bits (E2H=0 layout), MMU and caches off
        msr     sctlr_el2, x0
        MOV64   x0, 0x30D00800                  // SCTLR_EL1: RES1 bits, SPAN=1 (bit 23), MMU off
        msr     sctlr_el1, x0
        MOV64   x0, (1 << 31)                   // HCR_EL2: RW only (EL1 is AArch64)
        msr     hcr_el2, x0
        MOV64   x0, 0x33FF                      // CPTR_EL2 (E2H=0 layout): RES1 bits + TZ, FP not trapped
        msr     cptr_el2, x0
        MOV64   x0, (3 << 20)                   // CPACR_EL1.FPEN = 0b11
        msr     cpacr_el1, x0
        mov     x0, #3                          // CNTHCTL_EL2: EL1PCTEN | EL1PCEN (E2H=0 layout)
        msr     cnthctl_el2, x0
        msr     cntvoff_el2, xzr
        msr     vttbr_el2, xzr
        isb
        bl      main
        b       poweroff

        .text
        .global putc, puts, puthex, newline, lib_check, lib_say, poweroff, exc_clear

// putc(w0): clobbers x0-x2.
putc:   MOV64   x1, UART_BASE
1:      ldr     w2, [x1, #0x18]
        tbnz    w2, #5, 1b                      // UARTFR.TXFF: transmit FIFO full
        str     w0, [x1]
        ret

// puts(x0 = NUL-terminated string): clobbers x0-x3.
puts:   stp     x4, x30, [sp, #-16]!
        mov     x3, x0
1:      ldrb    w0, [x3], #1
        cbz     w0, 2f
        bl      putc
        b       1b
2:      ldp     x4, x30, [sp], #16
        ret

// puthex(x0): "0x" and 16 lowercase hex digits; clobbers x0-x5.
puthex: stp     x6, x30, [sp, #-16]!
        mov     x5, x0
        mov     w0, #'0'
        bl      putc
        mov     w0, #'x'
        bl      putc
        mov     x4, #60
1:      lsr     x0, x5, x4
        and     x0, x0, #15
        cmp     x0, #10
        add     x1, x0, #'0'
        add     x3, x0, #('a' - 10)
        csel    x0, x1, x3, lo
        bl      putc
        subs    x4, x4, #4
        b.ge    1b
        ldp     x6, x30, [sp], #16
        ret

// newline: clobbers x0-x2.
newline:
        stp     x3, x30, [sp, #-16]!
        mov     w0, #'\n'
        bl      putc
        ldp     x3, x30, [sp], #16
        ret

// lib_check: x0 = value, x30 = the NUL-terminated name that follows the call (CHECK macro).
// Prints "name: 0x...\n" and returns after the name, aligned to 4. Preserves x1-x29 and NZCV.
lib_check:
        stp     x1, x2, [sp, #-64]!
        stp     x3, x4, [sp, #16]
        stp     x5, x6, [sp, #32]
        mrs     x1, nzcv
        stp     x1, x7, [sp, #48]
        mov     x7, x0
        mov     x6, x30
        mov     x0, x30
        bl      puts                            // x3 = one past the NUL
        add     x6, x3, #3
        and     x6, x6, #~3
        mov     w0, #':'
        bl      putc
        mov     w0, #' '
        bl      putc
        mov     x0, x7
        bl      puthex
        bl      newline
        mov     x30, x6
        ldp     x1, x7, [sp, #48]
        msr     nzcv, x1
        ldp     x5, x6, [sp, #32]
        ldp     x3, x4, [sp, #16]
        ldp     x1, x2, [sp], #64
        ret

// lib_say: x30 = the NUL-terminated text that follows the call (SAY macro). Preserves x1-x29, NZCV.
lib_say:
        stp     x1, x2, [sp, #-48]!
        stp     x3, x4, [sp, #16]
        mrs     x1, nzcv
        stp     x1, x6, [sp, #32]
        mov     x0, x30
        bl      puts
        add     x6, x3, #3
        and     x6, x6, #~3
        bl      newline
        mov     x30, x6
        ldp     x1, x6, [sp, #32]
        msr     nzcv, x1
        ldp     x3, x4, [sp, #16]
        ldp     x1, x2, [sp], #48
        ret

poweroff:
        MOV64   x0, PSCI_SYSTEM_OFF
        smc     #0
        b       .                               // not reached

// exc_clear: zeroes exc except the IRQ hook; clobbers x0.
exc_clear:
        stp     x1, x2, [sp, #-16]!
        ADRL    x0, exc
        ldr     x2, [x0, #EXC_IRQ_HOOK]
        mov     x1, #0
1:      str     xzr, [x0, x1]
        add     x1, x1, #8
        cmp     x1, #EXC_SIZE
        b.lo    1b
        str     x2, [x0, #EXC_IRQ_HOOK]
        ldp     x1, x2, [sp], #16
        ret

// ---- vector tables ----------------------------------------------------------------------------
// Each entry pushes x0/x30, puts its offset in x0 and branches to the EL's common code.
.macro VECTORS name, target
        .balign 2048
        .global \name
\name:
        .irp off, 0x000, 0x080, 0x100, 0x180, 0x200, 0x280, 0x300, 0x380, 0x400, 0x480, 0x500, 0x580, 0x600, 0x680, 0x700, 0x780
        .balign 128
        stp     x0, x30, [sp, #-16]!
        mov     x0, #\off
        b       \target
        .endr
.endm

        VECTORS default_vectors_el2, unexpected_el2
        VECTORS default_vectors_el1, unexpected_el1
        VECTORS rec_vectors_el2, record_el2
        VECTORS rec_vectors_el1, record_el1

.macro UNEXPECTED el
unexpected_el\el:
        SAY     "unexpected exception"
        mrs     x1, CurrentEL
        CHECK   "  CurrentEL", x1
        CHECK   "  vector", x0
        mrs     x1, esr_el\el
        CHECK   "  esr", x1
        mrs     x1, elr_el\el
        CHECK   "  elr", x1
        mrs     x1, far_el\el
        CHECK   "  far", x1
        mrs     x1, spsr_el\el
        CHECK   "  spsr", x1
        b       poweroff
.endm
        UNEXPECTED 2
        UNEXPECTED 1

// record_el<n>: x0 = vector offset, [sp] = the interrupted x0/x30.
.macro RECORD el
record_el\el:
        stp     x1, x2, [sp, #-16]!
        ADRL    x1, exc
        add     x2, sp, #32
        str     x2, [x1, #EXC_SP]
        ldr     x2, [x1, #EXC_COUNT]
        add     x2, x2, #1
        str     x2, [x1, #EXC_COUNT]
        cmp     x2, #32
        b.hi    too_many_el\el
        str     x0, [x1, #EXC_VEC]
        mrs     x2, esr_el\el
        str     x2, [x1, #EXC_ESR]
        mrs     x2, elr_el\el
        str     x2, [x1, #EXC_ELR]
        mrs     x2, spsr_el\el
        str     x2, [x1, #EXC_SPSR]
        mrs     x2, far_el\el
        str     x2, [x1, #EXC_FAR]
        mrs     x2, daif
        str     x2, [x1, #EXC_DAIF]
        mrs     x2, spsel
        str     x2, [x1, #EXC_SPSEL]
        mrs     x2, CurrentEL
        str     x2, [x1, #EXC_EL]
        mrs     x2, pan
        str     x2, [x1, #EXC_PAN]
        and     x2, x0, #0x180
        cmp     x2, #0x080
        b.eq    3f                              // IRQ
        cbnz    x2, 9f                          // FIQ, SError: just return
        ldr     x2, [x1, #EXC_RESUME]
        cbz     x2, 1f
        msr     elr_el\el, x2
        str     xzr, [x1, #EXC_RESUME]
        ldr     x2, [x1, #EXC_RESUME_SPSR]
        tbz     x2, #63, 9f
        and     x2, x2, #0xffffffff
        msr     spsr_el\el, x2
        str     xzr, [x1, #EXC_RESUME_SPSR]
        b       9f
1:      mrs     x2, esr_el\el
        lsr     x2, x2, #26
        cmp     x2, #0x15                       // SVC: ELR is already the next instruction
        b.eq    9f
        cmp     x2, #0x16                       // HVC: likewise
        b.eq    9f
        cmp     x2, #0x0e                       // illegal execution state: clear SPSR.IL
        b.ne    2f
        mrs     x2, spsr_el\el
        bic     x2, x2, #(1 << 20)
        msr     spsr_el\el, x2
2:      mrs     x2, elr_el\el
        add     x2, x2, #4
        msr     elr_el\el, x2
9:      ldp     x1, x2, [sp], #16
        ldp     x0, x30, [sp], #16
        eret
3:      ldr     x2, [x1, #EXC_IRQ_HOOK]
        cbz     x2, 9b
        stp     x3, x4, [sp, #-144]!
        stp     x5, x6, [sp, #16]
        stp     x7, x8, [sp, #32]
        stp     x9, x10, [sp, #48]
        stp     x11, x12, [sp, #64]
        stp     x13, x14, [sp, #80]
        stp     x15, x16, [sp, #96]
        stp     x17, x18, [sp, #112]
        mrs     x3, nzcv
        str     x3, [sp, #128]
        blr     x2
        ldr     x3, [sp, #128]
        msr     nzcv, x3
        ldp     x17, x18, [sp, #112]
        ldp     x15, x16, [sp, #96]
        ldp     x13, x14, [sp, #80]
        ldp     x11, x12, [sp, #64]
        ldp     x9, x10, [sp, #48]
        ldp     x7, x8, [sp, #32]
        ldp     x5, x6, [sp, #16]
        ldp     x3, x4, [sp], #144
        b       9b
too_many_el\el:
        SAY     "too many exceptions"
        b       unexpected_el\el
.endm
        RECORD  2
        RECORD  1

        .data
        .balign 8
        .global exc, entry_state
exc:    .skip   EXC_SIZE
entry_state:                                    // CurrentEL, DAIF, SPSel at _start
        .skip   24
