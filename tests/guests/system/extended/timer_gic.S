// timer_gic: GICv3 (distributor, redistributor, ICC system registers) and the generic timer
// (el2.md §8, §9 cases 24, 36, 39). Only timing-independent facts are printed: which interrupt came,
// where, with what PSTATE, and comparisons of counter values, never the counts themselves.
//   Set-up at EL2: ICC_SRE_EL2 = SRE|Enable, ICC_SRE_EL1.SRE, GICD_CTLR = ARE|EnableGrp1 (single
//   security state, so ARE is bit 4), GICR_WAKER.ProcessorSleep cleared, every SGI/PPI in group 1 with
//   priority 0x80, PPIs 26, 27, 30 and SGI 5 enabled, ICC_PMR_EL1 = 0xFF, ICC_IGRPEN1_EL1 = 1.
//   At EL1 (HCR_EL2.IMO=0): the virtual timer (TVAL = 1000, CTL = 1) fires during WFI and is taken at
//   EL1 +0x280; in the handler ICC_HPPIR1 = ICC_IAR1 = 27, ICC_RPR = 0x80, CNTV_CTL after setting IMASK
//   = 7; after the EOI RPR is idle (0xFF) and IAR reads 1023; TVAL after expiry is negative (bit 31).
//   The same for the physical timer (INTID 30) and for SGI 5 sent to self through ICC_SGI1R_EL1.
//   CNTP_CVAL in the past / far future gives ISTATUS 1 / 0 (IMASK set, case 39); TVAL = -1 / 0x7FFFFFFF
//   likewise.
//   CNTVOFF_EL2 (case 36): CNTVCT = CNTPCT - CNTVOFF at EL1 and at EL2 with E2H=0, checked as
//   "pct_before - off <= vct <= pct_after - off".
//   HCR_EL2.IMO=1 (case 24): with PSTATE.I=1 at EL1 the virtual timer's IRQ is still taken, at EL2 +0x480;
//   at EL2 with IMO=1 the EL2 physical timer (CNTHP, INTID 26) is taken at EL2 +0x280.
#include "lib.inc"

#define GICD_CTLR       (GICD_BASE + 0x0000)
#define GICR_WAKER      (GICR_BASE + 0x0014)
#define GICR_SGI        (GICR_BASE + 0x10000)
#define GICR_IGROUPR0   (GICR_SGI + 0x0080)
#define GICR_ISENABLER0 (GICR_SGI + 0x0100)
#define GICR_IPRIORITYR (GICR_SGI + 0x0400)

// irqlog: count, vector, hppir, iar, rpr, ctl after IMASK
#define LOG_COUNT 0
#define LOG_VEC   8
#define LOG_HPPIR 16
#define LOG_IAR   24
#define LOG_RPR   32
#define LOG_CTL   40

.macro LOGCLEAR
        ADRL    x9, irqlog
        stp     xzr, xzr, [x9]
        stp     xzr, xzr, [x9, #16]
        stp     xzr, xzr, [x9, #32]
.endm

// WAITIRQ: until the hook ran: WFI with IRQs masked (a pending IRQ still ends it), then unmask so
// the IRQ is taken. Checking with IRQs masked means no IRQ can slip in between the check and the WFI.
.macro WAITIRQ
        ADRL    x9, irqlog
1:      msr     daifset, #2
        ldr     x10, [x9, #LOG_COUNT]
        cbnz    x10, 2f
        wfi
        msr     daifclr, #2
        isb
        b       1b
2:
.endm

.macro SHOWLOG prefix
        ADRL    x9, irqlog
        ldr     x10, [x9, #LOG_COUNT]
        CHECK   "\prefix irqs", x10
        ldr     x10, [x9, #LOG_VEC]
        CHECK   "\prefix vector", x10
        ldr     x10, [x9, #LOG_HPPIR]
        CHECK   "\prefix hppir1", x10
        ldr     x10, [x9, #LOG_IAR]
        CHECK   "\prefix iar1", x10
        ldr     x10, [x9, #LOG_RPR]
        CHECK   "\prefix rpr in handler", x10
        ldr     x10, [x9, #LOG_CTL]
        CHECK   "\prefix ctl after imask", x10
        EXC_LOAD x10, EXC_SPSR
        and     x10, x10, #0x3ff
        CHECK   "\prefix spsr m/daif", x10
.endm

        .text
        .global main
main:
        ADRL    x1, rec_vectors_el2
        msr     vbar_el2, x1
        ADRL    x1, irq_hook
        EXC_STORE x1, EXC_IRQ_HOOK, x2
        msr     cntv_ctl_el0, xzr
        msr     cntp_ctl_el0, xzr
        msr     cnthp_ctl_el2, xzr
        // CPU interface
        mov     x1, #0x9                        // ICC_SRE_EL2: SRE | Enable
        msr     icc_sre_el2, x1
        isb
        mov     x1, #1
        msr     icc_sre_el1, x1
        isb
        // distributor
        MOV64   x1, GICD_CTLR
        mov     w2, #((1 << 4) | (1 << 1))      // ARE | EnableGrp1
        str     w2, [x1]
1:      ldr     w2, [x1]
        tbnz    w2, #31, 1b                     // RWP
        // redistributor
        MOV64   x1, GICR_WAKER
        ldr     w2, [x1]
        bic     w2, w2, #(1 << 1)               // ProcessorSleep
        str     w2, [x1]
1:      ldr     w2, [x1]
        tbnz    w2, #2, 1b                      // ChildrenAsleep
        MOV64   x1, GICR_IGROUPR0
        mov     w2, #-1
        str     w2, [x1]
        MOV64   x1, GICR_IPRIORITYR
        MOV64   x2, 0x80808080
        mov     x3, #0
1:      str     w2, [x1, x3]
        add     x3, x3, #4
        cmp     x3, #32
        b.lo    1b
        MOV64   x1, GICR_ISENABLER0
        MOV64   x2, (1 << 5) | (1 << 26) | (1 << 27) | (1 << 30)
        str     w2, [x1]
        dsb     sy
        mov     x1, #0xff
        msr     icc_pmr_el1, x1
        msr     icc_bpr1_el1, xzr
        mov     x1, #1
        msr     icc_igrpen1_el1, x1
        isb
        mrs     x2, icc_pmr_el1
        ubfx    x2, x2, #7, #1                  // the implemented bits are IMPLEMENTATION DEFINED (QEMU: 0xF8)
        CHECK   "icc_pmr_el1 bit 7", x2
        mrs     x2, icc_sre_el2
        mov     x3, #9
        and     x2, x2, x3                      // DFB/DIB may be RAO/WI
        CHECK   "icc_sre_el2 sre|enable", x2

        // case 36 at EL2 (E2H=0): CNTVOFF applies
        MOV64   x1, 0x100000000
        msr     cntvoff_el2, x1
        isb
        bl      vct_check
        CHECK   "el2 cntvct == cntpct - cntvoff", x0
        TO_EL1  el1

el1:    mrs     x2, icc_sre_el1
        and     x2, x2, #1
        CHECK   "icc_sre_el1.sre", x2
        mrs     x2, icc_iar1_el1
        CHECK   "iar1 with nothing pending", x2
        mrs     x2, icc_rpr_el1
        CHECK   "rpr idle", x2
        bl      vct_check
        CHECK   "el1 cntvct == cntpct - cntvoff", x0

        // virtual timer, INTID 27
        EXC_CLEAR
        LOGCLEAR
        mov     x1, #1000
        msr     cntv_tval_el0, x1
        mov     x1, #1
        msr     cntv_ctl_el0, x1
        isb
        WAITIRQ
        SHOWLOG "vtimer"
        mrs     x2, cntv_tval_el0
        ubfx    x2, x2, #31, #1
        CHECK   "vtimer tval sign after expiry", x2
        mrs     x2, icc_rpr_el1
        CHECK   "rpr after eoi", x2
        mrs     x2, icc_iar1_el1
        CHECK   "iar1 after eoi (masked timer)", x2
        msr     cntv_ctl_el0, xzr

        // physical timer, INTID 30
        EXC_CLEAR
        LOGCLEAR
        mov     x1, #1000
        msr     cntp_tval_el0, x1
        mov     x1, #1
        msr     cntp_ctl_el0, x1
        isb
        WAITIRQ
        SHOWLOG "ptimer"
        mrs     x2, cntp_tval_el0
        ubfx    x2, x2, #31, #1
        CHECK   "ptimer tval sign after expiry", x2
        // case 39: the condition follows CVAL and TVAL (IMASK set, so no interrupt)
        mov     x1, #3
        msr     cntp_ctl_el0, x1
        msr     cntp_cval_el0, xzr
        isb
        mrs     x2, cntp_ctl_el0
        CHECK   "ptimer ctl with cval 0", x2
        mov     x1, #-1
        msr     cntp_cval_el0, x1
        isb
        mrs     x2, cntp_ctl_el0
        CHECK   "ptimer ctl with cval ~0", x2
        mrs     x2, cntp_cval_el0
        CHECK   "ptimer cval read back", x2
        MOV64   x1, 0xffffffff
        msr     cntp_tval_el0, x1
        isb
        mrs     x2, cntp_ctl_el0
        CHECK   "ptimer ctl with tval -1", x2
        MOV64   x1, 0x7fffffff
        msr     cntp_tval_el0, x1
        isb
        mrs     x2, cntp_ctl_el0
        CHECK   "ptimer ctl with tval 0x7fffffff", x2
        msr     cntp_ctl_el0, xzr

        // SGI 5 to self (Aff3.Aff2.Aff1 = 0, TargetList bit 0)
        EXC_CLEAR
        LOGCLEAR
        MOV64   x1, (5 << 24) | 1
        msr     icc_sgi1r_el1, x1
        isb
        WAITIRQ
        SHOWLOG "sgi"

        // case 24: IMO=1 routes the physical IRQ to EL2 even with PSTATE.I=1 at EL1
        EXC_CLEAR
        LOGCLEAR
        adr     x1, el1_imo
        EXC_STORE x1, EXC_RESUME, x2
        MOV64   x1, (1 << 63) | 0x3c9
        EXC_STORE x1, EXC_RESUME_SPSR, x2
        hvc     #0                              // back to EL2 at el1_imo... (see below)
el1_imo:
        // now at EL2: set IMO and return to EL1 with everything masked
        MOV64   x1, (1 << 31) | (1 << 4)
        msr     hcr_el2, x1
        isb
        mov     x1, #0x3c5
        msr     spsr_el2, x1
        adr     x1, el1_masked
        msr     elr_el2, x1
        eret
el1_masked:
        mov     x1, #1000
        msr     cntv_tval_el0, x1
        mov     x1, #1
        msr     cntv_ctl_el0, x1
        isb
        ADRL    x9, irqlog
1:      ldr     x10, [x9, #LOG_COUNT]
        cbz     x10, 1b
        mrs     x2, CurrentEL
        CHECK   "imo: CurrentEL after the irq", x2
        mrs     x2, daif
        CHECK   "imo: daif at EL1", x2
        SHOWLOG "imo vtimer"
        msr     cntv_ctl_el0, xzr

        // the EL2 physical timer, INTID 26, taken at EL2 with IMO=1
        EXC_CLEAR
        LOGCLEAR
        adr     x1, at_el2
        EXC_STORE x1, EXC_RESUME, x2
        MOV64   x1, (1 << 63) | 0x3c9
        EXC_STORE x1, EXC_RESUME_SPSR, x2
        hvc     #0
at_el2:
        EXC_CLEAR
        mov     x1, #1000
        msr     cnthp_tval_el2, x1
        mov     x1, #1
        msr     cnthp_ctl_el2, x1
        isb
        WAITIRQ
        SHOWLOG "el2 htimer"
        msr     cnthp_ctl_el2, xzr
        MOV64   x1, (1 << 31)
        msr     hcr_el2, x1
        isb
        SAY     "done"
        b       poweroff

// vct_check: x0 = 1 if CNTPCT(before) - CNTVOFF <= CNTVCT <= CNTPCT(after) - CNTVOFF, where the offset
// is the one CNTVOFF_EL2 was set to here (0x1_0000_0000). Clobbers x1-x4.
vct_check:
        isb
        mrs     x1, cntpct_el0
        isb
        mrs     x2, cntvct_el0
        isb
        mrs     x3, cntpct_el0
        MOV64   x4, 0x100000000
        sub     x1, x1, x4
        sub     x3, x3, x4
        mov     x0, #0
        cmp     x2, x1
        b.lo    1f
        cmp     x2, x3
        b.hi    1f
        mov     x0, #1
1:      ret

// irq_hook (x0 = vector offset), at EL1 or EL2: logs HPPIR1, IAR1, RPR; masks the source with IMASK
// and logs its CTL; EOIs. Clobbers x1-x4.
irq_hook:
        ADRL    x1, irqlog
        str     x0, [x1, #LOG_VEC]
        mrs     x2, icc_hppir1_el1
        str     x2, [x1, #LOG_HPPIR]
        mrs     x2, icc_iar1_el1
        str     x2, [x1, #LOG_IAR]
        mrs     x3, icc_rpr_el1
        str     x3, [x1, #LOG_RPR]
        mov     x4, #0
        cmp     x2, #27
        b.ne    1f
        mrs     x4, cntv_ctl_el0
        orr     x4, x4, #2
        msr     cntv_ctl_el0, x4
        isb
        mrs     x4, cntv_ctl_el0
1:      cmp     x2, #30
        b.ne    1f
        mrs     x4, cntp_ctl_el0
        orr     x4, x4, #2
        msr     cntp_ctl_el0, x4
        isb
        mrs     x4, cntp_ctl_el0
1:      cmp     x2, #26
        b.ne    1f
        mrs     x4, cnthp_ctl_el2
        orr     x4, x4, #2
        msr     cnthp_ctl_el2, x4
        isb
        mrs     x4, cnthp_ctl_el2
1:      str     x4, [x1, #LOG_CTL]
        msr     icc_eoir1_el1, x2
        isb
        ldr     x2, [x1, #LOG_COUNT]
        add     x2, x2, #1
        str     x2, [x1, #LOG_COUNT]
        ret

        .data
        .balign 8
irqlog: .skip   48
