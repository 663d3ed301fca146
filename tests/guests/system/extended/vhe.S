// vhe: HCR_EL2.E2H and TGE at EL2 (el2.md §2, §9 cases 1, 2, 5, 6, 7, 8, 23, 36, 37).
//   Case 5, the FAR probe Linux uses, with E2H=0 (FAR_EL1 reads 1) and E2H=1 (reads 2).
//   At EL2(1,1): SCTLR_EL1 reads SCTLR_EL2 and SCTLR_EL12 reads SCTLR_EL1 (case 1); TPIDR_EL1 and PAR_EL1
//   are not redirected (case 7); ESR, ELR, SPSR, VBAR, MAIR, TCR, TTBR0, TTBR1, CONTEXTIDR written
//   through their EL1 names land in the EL2 registers, their _EL12 aliases keep the EL1 values;
//   CPACR_EL1 is CPTR_EL2 in the CPACR layout, and FPEN=0b00 traps FP at EL2 itself (EC 0x07, case 8).
//   At EL2(1,0): MSR SCTLR_EL1 changes SCTLR_EL2 only (case 2).
//   Timers (case 37): CNTV_*_EL0 / CNTP_*_EL0 reach CNTHV_* / CNTHP_*, the _EL02 names the EL1 timers.
//   Case 36: with E2H=1 CNTVCT at EL2 and at host EL0 ignores CNTVOFF_EL2 (it applies with E2H=0).
//   Case 6: the Linux VHE switch: from EL1, HVC #0 with x0=3 reaches a stub that sets HCR_EL2 =
//   RW|TGE|E2H, copies the EL1 state with _EL12 reads and EL1-name writes (VBAR included), TLBI
//   VMALLE1, rewrites SPSR (read as SPSR_EL1) to EL2h and ERETs: the caller continues at EL2 and an
//   SVC there goes through the copied vectors, whose EL1-named accesses now reach the EL2 registers.
//   Case 23: SVC from EL0 under E2H=1, TGE=1 is taken at EL2 +0x400.
//   CurrentEL stays 0x8 throughout.
// Not here: case 3 (an _EL12 alias with E2H=0 must be UNDEFINED): QEMU 7.2 performs the access.
#include "lib.inc"

#define HCR_RW  (1 << 31)
#define HCR_TGE (1 << 27)
#define HCR_E2H (1 << 34)
#define CNTVOFF 0x100000000

.macro HCR value
        MOV64   x9, \value
        msr     hcr_el2, x9
        isb
.endm

// REDIR name, el1reg, el2reg, el12reg, value: at E2H=1, MSR el1reg then print el2reg and el12reg
.macro REDIR name, el1reg, el2reg, el12reg, value
        MOV64   x1, \value
        msr     \el1reg, x1
        isb
        mrs     x2, \el2reg
        CHECK   "\name: \el2reg after msr \el1reg", x2
        mrs     x2, \el12reg
        CHECK   "\name: \el12reg", x2
.endm

        .text
        .global main
main:
        ADRL    x1, rec_vectors_el2
        msr     vbar_el2, x1
        // EL1 values with E2H=0
        mov     x1, #0x11
        msr     esr_el1, x1
        mov     x1, #0x12
        msr     elr_el1, x1
        mov     x1, #0x3c5
        msr     spsr_el1, x1
        MOV64   x1, 0x44ff
        msr     mair_el1, x1
        MOV64   x1, 0x19
        msr     tcr_el1, x1
        MOV64   x1, 0x41000000
        msr     ttbr0_el1, x1
        MOV64   x1, 0x41001000
        msr     ttbr1_el1, x1
        mov     x1, #0x55
        msr     contextidr_el1, x1
        MOV64   x1, 0x1111
        msr     tpidr_el1, x1
        MOV64   x1, 0x2222
        msr     tpidr_el2, x1
        MOV64   x1, (1 << 20)                   // CPACR_EL1.FPEN = 0b01
        msr     cpacr_el1, x1
        msr     cntv_ctl_el0, xzr
        msr     cntp_ctl_el0, xzr
        MOV64   x1, CNTVOFF
        msr     cntvoff_el2, x1
        isb

        // case 5 with E2H=0
        mov     x1, #1
        msr     far_el1, x1
        mov     x1, #2
        msr     far_el2, x1
        mrs     x2, far_el1
        CHECK   "case 5, e2h=0: far_el1", x2
        bl      vct_minus_off
        CHECK   "case 36, e2h=0: el2 cntvct == cntpct - cntvoff", x0

        HCR     HCR_RW | HCR_TGE | HCR_E2H
        mrs     x2, CurrentEL
        CHECK   "CurrentEL with e2h=1 tge=1", x2
        mov     x1, #1
        msr     far_el1, x1
        mov     x1, #2
        msr     far_el2, x1
        mrs     x2, far_el1
        CHECK   "case 5, e2h=1: far_el1", x2
        mrs     x2, far_el12
        CHECK   "case 5, e2h=1: far_el12", x2
        // case 1
        mrs     x2, sctlr_el1
        CHECK   "case 1: sctlr_el1 (= sctlr_el2)", x2
        mrs     x2, sctlr_el12
        CHECK   "case 1: sctlr_el12", x2
        // case 7
        mrs     x2, tpidr_el1
        CHECK   "case 7: tpidr_el1", x2
        mrs     x2, tpidr_el2
        CHECK   "case 7: tpidr_el2", x2
        MOV64   x1, 0x3000
        msr     par_el1, x1
        mrs     x2, par_el1
        CHECK   "case 7: par_el1", x2
        // the rest of the redirected names
        REDIR   "esr", esr_el1, esr_el2, esr_el12, 0x21
        REDIR   "elr", elr_el1, elr_el2, elr_el12, 0x22
        REDIR   "spsr", spsr_el1, spsr_el2, spsr_el12, 0x3c9
        REDIR   "mair", mair_el1, mair_el2, mair_el12, 0xff44
        REDIR   "tcr", tcr_el1, tcr_el2, tcr_el12, 0x10
        REDIR   "ttbr0", ttbr0_el1, ttbr0_el2, ttbr0_el12, 0x42000000
        REDIR   "ttbr1", ttbr1_el1, ttbr1_el2, ttbr1_el12, 0x42001000
        REDIR   "contextidr", contextidr_el1, contextidr_el2, contextidr_el12, 0x66
        mrs     x2, vbar_el1
        adr     x3, rec_vectors_el2
        sub     x2, x2, x3
        CHECK   "vbar: vbar_el1 - rec_vectors_el2", x2
        // CPACR_EL1 is CPTR_EL2 in the CPACR layout; FPEN=0b00 traps FP at EL2 (case 8)
        REDIR   "cpacr", cpacr_el1, cptr_el2, cpacr_el12, (3 << 20)
        EXC_CLEAR
        msr     cpacr_el1, xzr
        isb
        msr     nzcv, xzr
fp1:    fmov    d0, x1
        SHOW    "case 8: fp at EL2 with FPEN=00", fp1
        MOV64   x1, (3 << 20)
        msr     cpacr_el1, x1
        isb
        EXC_CLEAR
        fmov    d0, x1
        EXC_LOAD x2, EXC_COUNT
        CHECK   "case 8: fp at EL2 with FPEN=11: exceptions", x2

        // case 37: the timers
        MOV64   x1, 0xfffffffffffffff0
        msr     cntv_cval_el0, x1
        mov     x1, #3
        msr     cntv_ctl_el0, x1
        MOV64   x1, 0xffffffffffffffe0
        msr     cntv_cval_el02, x1
        mov     x1, #1
        msr     cntv_ctl_el02, x1
        MOV64   x1, 0xffffffffffffffd0
        msr     cntp_cval_el0, x1
        mov     x1, #3
        msr     cntp_ctl_el0, x1
        MOV64   x1, 0xffffffffffffffc0
        msr     cntp_cval_el02, x1
        mov     x1, #1
        msr     cntp_ctl_el02, x1
        isb
        mrs     x2, cnthv_ctl_el2
        CHECK   "case 37: cnthv_ctl_el2", x2
        mrs     x2, cnthv_cval_el2
        CHECK   "case 37: cnthv_cval_el2", x2
        mrs     x2, cntv_ctl_el02
        CHECK   "case 37: cntv_ctl_el02", x2
        mrs     x2, cntv_cval_el02
        CHECK   "case 37: cntv_cval_el02", x2
        mrs     x2, cntv_ctl_el0
        CHECK   "case 37: cntv_ctl_el0", x2
        mrs     x2, cntv_cval_el0
        CHECK   "case 37: cntv_cval_el0", x2
        mrs     x2, cnthp_ctl_el2
        CHECK   "case 37: cnthp_ctl_el2", x2
        mrs     x2, cnthp_cval_el2
        CHECK   "case 37: cnthp_cval_el2", x2
        mrs     x2, cntp_ctl_el02
        CHECK   "case 37: cntp_ctl_el02", x2
        mrs     x2, cntp_cval_el02
        CHECK   "case 37: cntp_cval_el02", x2
        msr     cntv_ctl_el0, xzr
        msr     cntv_ctl_el02, xzr
        msr     cntp_ctl_el0, xzr
        msr     cntp_ctl_el02, xzr
        // case 36: no offset at EL2 with E2H=1
        bl      vct_minus_off
        CHECK   "case 36, e2h=1: el2 cntvct == cntpct - cntvoff", x0
        bl      vct_plain
        CHECK   "case 36, e2h=1: el2 cntvct == cntpct", x0

        // case 23 (and case 36 at host EL0): EL0 under E2H=1, TGE=1; SVC goes to EL2 +0x400
        EXC_CLEAR
        adr     x1, back_from_el0
        EXC_STORE x1, EXC_RESUME, x2
        MOV64   x1, (1 << 63) | 0x3c9
        EXC_STORE x1, EXC_RESUME_SPSR, x2
        MOV64   x1, STACK_EL0
        msr     sp_el0, x1
        msr     spsr_el2, xzr
        adr     x1, el0_code
        msr     elr_el2, x1
        isb
        eret
el0_code:
        isb
        mrs     x20, cntpct_el0
        isb
        mrs     x21, cntvct_el0
        isb
        mrs     x22, cntpct_el0
el0_svc: svc    #0
        b       .
back_from_el0:
        SHOW    "case 23: svc from host EL0", el0_svc
        mov     x0, #0
        cmp     x21, x20
        b.lo    1f
        cmp     x21, x22
        b.hi    1f
        mov     x0, #1
1:      CHECK   "case 36: host EL0 cntvct == cntpct", x0

        // case 2 at EL2(1,0)
        HCR     HCR_RW | HCR_E2H
        mrs     x3, sctlr_el2
        mrs     x4, sctlr_el12
        orr     x1, x3, #(1 << 12)
        msr     sctlr_el1, x1
        isb
        mrs     x2, sctlr_el2
        eor     x2, x2, x3
        CHECK   "case 2: sctlr_el2 bits changed by msr sctlr_el1", x2
        mrs     x2, sctlr_el12
        eor     x2, x2, x4
        CHECK   "case 2: sctlr_el12 bits changed", x2
        msr     sctlr_el1, x3
        isb
        bl      vct_minus_off
        CHECK   "case 36, e2h=1 tge=0: el2 cntvct == cntpct - cntvoff", x0

        // case 6: back to E2H=0 with EL1 state the stub will copy, then the switch from EL1
        HCR     HCR_RW
        msr     cntvoff_el2, xzr
        ADRL    x1, rec_vectors_el1
        msr     vbar_el1, x1
        MOV64   x1, 0xabc0
        msr     tpidr_el1, x1
        MOV64   x1, (3 << 20)
        msr     cpacr_el1, x1
        ADRL    x1, stub_vectors
        msr     vbar_el2, x1
        isb
        TO_EL1  el1_code
el1_code:
        mrs     x2, CurrentEL
        CHECK   "case 6: CurrentEL before the switch", x2
        mov     x0, #3                          // HVC_FINALISE_EL2
        hvc     #0
        mrs     x2, CurrentEL
        CHECK   "case 6: CurrentEL after the switch", x2
        mrs     x2, hcr_el2
        CHECK   "case 6: hcr_el2", x2
        CHECK   "case 6: x0 returned by the stub", x0
        ADRL    x1, stub_spsr
        ldr     x2, [x1]
        CHECK   "case 6: spsr_el1 read in the stub", x2
        mrs     x2, vbar_el2
        adr     x3, rec_vectors_el1
        sub     x2, x2, x3
        CHECK   "case 6: vbar_el2 - rec_vectors_el1", x2
        mrs     x2, tpidr_el2
        CHECK   "case 6: tpidr_el2", x2
        mrs     x2, cptr_el2
        CHECK   "case 6: cptr_el2", x2
        EXC_CLEAR
svc6:   svc     #0x99
        SHOW    "case 6: svc at EL2 through the copied vectors", svc6
        EXC_LOAD x2, EXC_EL
        CHECK   "case 6: CurrentEL in that handler", x2
        HCR     HCR_RW
        SAY     "done"
        b       poweroff

// vct_minus_off: x0 = 1 if pct1 - CNTVOFF <= CNTVCT <= pct2 - CNTVOFF; vct_plain: the same without the
// offset. Clobbers x1-x4.
vct_minus_off:
        MOV64   x4, CNTVOFF
        b       1f
vct_plain:
        mov     x4, #0
1:      isb
        mrs     x1, cntpct_el0
        isb
        mrs     x2, cntvct_el0
        isb
        mrs     x3, cntpct_el0
        sub     x1, x1, x4
        sub     x3, x3, x4
        mov     x0, #0
        cmp     x2, x1
        b.lo    2f
        cmp     x2, x3
        b.hi    2f
        mov     x0, #1
2:      ret

// The hyp stub's vectors: only "synchronous, lower EL, AArch64" is expected.
        .balign 2048
stub_vectors:
        .rept   8
        .balign 128
        b       stub_bad
        .endr
        .balign 128
        b       stub_sync                       // +0x400
        .rept   7
        .balign 128
        b       stub_bad
        .endr
stub_bad:
        b       unexpected_stub
stub_sync:
        cmp     x0, #3
        b.ne    stub_bad
        // HVC_FINALISE_EL2, as Linux's hyp-stub.S does it (without the MMU part)
        MOV64   x1, HCR_RW | HCR_TGE | HCR_E2H
        msr     hcr_el2, x1
        isb
        mrs     x1, sp_el1
        mov     sp, x1
        mrs     x1, tpidr_el1
        msr     tpidr_el2, x1
        mrs     x1, cpacr_el12
        msr     cpacr_el1, x1
        mrs     x1, vbar_el12
        msr     vbar_el1, x1
        mrs     x1, tcr_el12
        msr     tcr_el1, x1
        mrs     x1, ttbr0_el12
        msr     ttbr0_el1, x1
        mrs     x1, ttbr1_el12
        msr     ttbr1_el1, x1
        mrs     x1, mair_el12
        msr     mair_el1, x1
        tlbi    vmalle1
        dsb     nsh
        isb
        mrs     x1, sctlr_el12
        msr     sctlr_el1, x1
        MOV64   x1, 0x30D00800
        msr     sctlr_el12, x1
        mrs     x1, spsr_el1
        ADRL    x2, stub_spsr
        str     x1, [x2]
        bic     x1, x1, #0xf
        mov     x2, #0x9                        // EL2h
        orr     x1, x1, x2
        msr     spsr_el1, x1
        mov     x0, #0
        eret
unexpected_stub:
        SAY     "unexpected exception in the stub"
        mrs     x1, esr_el2
        CHECK   "  esr_el2", x1
        b       poweroff

        .data
        .balign 8
stub_spsr: .quad 0
