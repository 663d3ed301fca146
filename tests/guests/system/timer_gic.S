// The generic timer and the GICv3 at EL1: distributor and redistributor set-up, the virtual (INTID 27)
// and physical (30) timers firing through WFI into the IRQ vector, ICC_IAR1/EOIR1, CNTV_CTL.ISTATUS,
// TVAL after expiry, an SGI to self, CNTVCT = CNTPCT - CNTVOFF_EL2 (el2.md cases 36 and 39), and WFE
// ended by SEVL and by the event stream.
// Counter values depend on timing and are never printed; CNTFRQ neither (QEMU 7.2's max CPU has 1 GHz, ours
// 62.5 MHz as the issue asks).
        .include "macros.inc"
        .equ GICD, 0x08000000
        .equ GICR, 0x080A0000
        .equ SGI_BASE, GICR + 0x10000
        .section .text.start
        .global _start
_start:
        START
        mov     x1, #0xF                         // ICC_SRE_EL2: SRE, DFB, DIB, Enable (EL1 may use ICC_*)
        msr     s3_4_c12_c9_5, x1
        mov     x1, #3                           // CNTHCTL_EL2: EL1 may use the physical counter and timer
        msr     cnthctl_el2, x1
        ldr     x1, =0x100000
        msr     cntvoff_el2, x1
        TO_EL1  el1, (1 << 31)

el1:
        // CNTVCT = CNTPCT - CNTVOFF: read the virtual count first, so the difference is the offset plus the time between.
        mrs     x2, cntvct_el0
        mrs     x3, cntpct_el0
        sub     x3, x3, x2
        ldr     x4, =0x100000
        sub     x3, x3, x4
        mov     x4, #0x4000000                   // the time between the reads: well under a second of ticks
        cmp     x3, x4
        cset    x3, lo
        CHECK   "CNTPCT - CNTVCT is CNTVOFF_EL2", x3

        // Distributor: affinity routing, group 1 on. Redistributor: wake, SGI 3 and PPIs 27, 30 in group 1, enabled.
        ldr     x20, =GICD
        mov     w1, #0x12
        str     w1, [x20]
        ldr     x21, =GICR
        str     wzr, [x21, #0x14]
1:      ldr     w1, [x21, #0x14]
        tbnz    w1, #2, 1b
        ldr     x22, =SGI_BASE
        mov     w1, #-1
        str     w1, [x22, #0x80]
        mov     w1, #0x80
        strb    w1, [x22, #(0x400 + 3)]
        strb    w1, [x22, #(0x400 + 27)]
        strb    w1, [x22, #(0x400 + 30)]
        ldr     w1, =((1 << 3) | (1 << 27) | (1 << 30))
        str     w1, [x22, #0x100]
        mov     x1, #7
        msr     s3_0_c12_c12_5, x1               // ICC_SRE_EL1
        isb
        mov     x1, #0xFF
        msr     s3_0_c4_c6_0, x1                 // ICC_PMR_EL1
        mov     x1, #1
        msr     s3_0_c12_c12_7, x1               // ICC_IGRPEN1_EL1
        isb
        adr     x1, on_irq
        adr     x2, irq_handler
        str     x1, [x2]

        // The virtual timer: 1000 ticks from now.
        mov     x1, #1000
        msr     cntv_tval_el0, x1
        mov     x1, #1
        msr     cntv_ctl_el0, x1
        bl      wait_irq
        mrs     x2, cntv_tval_el0
        lsr     x2, x2, #31
        CHECK   "CNTV_TVAL negative after expiry", x2

        // The physical timer.
        mov     x1, #1000
        msr     cntp_tval_el0, x1
        mov     x1, #1
        msr     cntp_ctl_el0, x1
        bl      wait_irq

        // An SGI to this CPU (target list bit 0, affinity 0).
        ldr     x1, =((3 << 24) | 1)
        msr     s3_0_c12_c11_5, x1               // ICC_SGI1R_EL1
        isb
        bl      wait_irq

        // WFE: the event SEVL set ends the first wait; the timer's event stream (CNTKCTL_EL1.EVNTEN, EVNTI 12:
        // an event each 8192 ticks) ends the second, which has no event waiting.
        sevl
        wfe
        mov     x1, #((12 << 4) | 4)
        msr     cntkctl_el1, x1
        wfe
        wfe
        SAY     "WFE returned"
        svc     #0xFFFF

// Waits for on_irq to run once: WFI with IRQs masked (it wakes on a pending interrupt all the same), then a
// window with IRQs unmasked to take it. An interrupt that fired before the WFI is taken without a hang.
wait_irq:
        adr     x24, irq_seen
        str     xzr, [x24]
1:      ldr     x1, [x24]
        cbnz    x1, 2f
        wfi
        msr     daifclr, #2
        isb
        msr     daifset, #2
        b       1b
2:      ret

// IRQ at EL1: acknowledge, report, silence the timer that fired, end of interrupt.
on_irq: mrs     x25, s3_0_c12_c12_0              // ICC_IAR1_EL1
        CHECK   "IRQ, ICC_IAR1_EL1", x25
        cmp     x25, #27
        b.ne    1f
        mrs     x1, cntv_ctl_el0
        CHECK   "CNTV_CTL_EL0 (ENABLE, ISTATUS)", x1
        mov     x1, #3                           // IMASK
        msr     cntv_ctl_el0, x1
1:      cmp     x25, #30
        b.ne    2f
        mrs     x1, cntp_ctl_el0
        CHECK   "CNTP_CTL_EL0 (ENABLE, ISTATUS)", x1
        msr     cntp_ctl_el0, xzr
2:      msr     s3_0_c12_c12_1, x25              // ICC_EOIR1_EL1
        mrs     x1, s3_0_c12_c11_3               // ICC_RPR_EL1: idle again
        CHECK   "ICC_RPR_EL1 after EOI", x1
        adr     x1, irq_seen
        mov     x2, #1
        str     x2, [x1]
        mov     x30, x13                         // the reporter saved the interrupted code's x30
        eret

        .include "lib.inc"

        .data
        .balign 8
irq_seen: .quad 0
