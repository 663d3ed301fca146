// traps: HCR_EL2 and CNTHCTL_EL2 traps of EL1 instructions to EL2 (el2.md §3, §9 cases 11-16, 18, 19,
// 38). The EL2 handler (lib.S rec_vectors_el2) records ESR_EL2 and ELR_EL2 and returns past the
// trapped instruction (ELR + 4, also for the SMC, which reports itself); each line set prints how
// many exceptions the instruction took, the vector (+0x400), ESR_EL2, ELR_EL2 minus the instruction
// and SPSR_EL2.
//   Phase 1, HCR_EL2 = RW|TVM|TID1|TID2|TID3|TSW|TPU|TTLB|TACR|TDZ|IMO|TWI|TSC: at EL2 TVM does not
//   apply (case 13); at EL1: MSR SCTLR_EL1 traps and leaves it unchanged while MRS does not trap
//   (case 11), MSR TTBR0_EL1, ID_AA64MMFR1_EL1 and CTR_EL0 (case 14), AIDR_EL1, DC ISW, TLBI VMALLE1IS,
//   TLBI VMALLE1, MSR ACTLR_EL1 (case 15), DC ZVA and DCZID_EL0.DZP, IC IALLU, MSR ICC_SGI1R_EL1 under
//   IMO (case 16), WFI with nothing pending (case 18), SMC (case 19).
//   Phase 2, HCR_EL2 = RW|TRVM and CNTHCTL_EL2 = 0: MRS SCTLR_EL1 traps (case 12), MSR does not;
//   CNTPCT_EL0 and CNTP_CTL_EL0 trap (case 38).
// The ID registers themselves are never printed (their trapped reads leave x0 unchanged).
#include "lib.inc"

#define HCR_RW   (1 << 31)
#define HCR_TRVM (1 << 30)
#define HCR_TDZ  (1 << 28)
#define HCR_TVM  (1 << 26)
#define HCR_TTLB (1 << 25)
#define HCR_TPU  (1 << 24)
#define HCR_TSW  (1 << 22)
#define HCR_TACR (1 << 21)
#define HCR_TSC  (1 << 19)
#define HCR_TID3 (1 << 18)
#define HCR_TID2 (1 << 17)
#define HCR_TID1 (1 << 16)
#define HCR_TWI  (1 << 13)
#define HCR_IMO  (1 << 4)

// TRAP "name", insn...: EXC_CLEAR, NZCV = 0, the instruction, SHOW
.macro TRAP name, insn:vararg
        EXC_CLEAR
        msr     nzcv, xzr
.Lt\@:  \insn
        SHOW    "\name", .Lt\@
.endm

// NOTRAP "name", insn...: the instruction, then how many exceptions it took
.macro NOTRAP name, insn:vararg
        EXC_CLEAR
        \insn
        EXC_LOAD x9, EXC_COUNT
        CHECK   "\name: exceptions", x9
.endm

        .text
        .global main
main:
        ADRL    x1, rec_vectors_el2
        msr     vbar_el2, x1
        mov     x1, #0x9                        // ICC_SRE_EL2: SRE | Enable, so EL1 has ICC_* registers
        msr     icc_sre_el2, x1
        isb
        mov     x1, #1
        msr     icc_sre_el1, x1
        msr     cntp_ctl_el0, xzr
        MOV64   x1, HCR_RW | HCR_TVM | HCR_TID1 | HCR_TID2 | HCR_TID3 | HCR_TSW | HCR_TPU | HCR_TTLB | HCR_TACR | HCR_TDZ | HCR_IMO | HCR_TWI | HCR_TSC
        msr     hcr_el2, x1
        isb
        // case 13: TVM does not trap at EL2
        mrs     x19, sctlr_el1
        orr     x1, x19, #(1 << 12)
        EXC_CLEAR
        msr     sctlr_el1, x1
        EXC_LOAD x2, EXC_COUNT
        CHECK   "case 13: msr sctlr_el1 at EL2 with TVM: exceptions", x2
        mrs     x2, sctlr_el1
        eor     x2, x2, x19
        CHECK   "case 13: sctlr_el1 bits changed", x2
        msr     sctlr_el1, x19
        isb
        TO_EL1  el1_phase1

el1_phase1:
        orr     x1, x19, #(1 << 12)
        TRAP    "case 11: msr sctlr_el1, x1", msr sctlr_el1, x1
        NOTRAP  "case 11: mrs sctlr_el1", mrs x2, sctlr_el1
        eor     x2, x2, x19
        CHECK   "case 11: sctlr_el1 bits changed by the trapped msr", x2
        MOV64   x3, 0x41000000
        TRAP    "case 12: msr ttbr0_el1, x3", msr ttbr0_el1, x3
        mov     x0, #0x55
        TRAP    "case 14: mrs x0, id_aa64mmfr1_el1", mrs x0, id_aa64mmfr1_el1
        CHECK   "case 14: x0 after the trapped read", x0
        TRAP    "case 14: mrs x0, ctr_el0", mrs x0, ctr_el0
        TRAP    "tid1: mrs x0, aidr_el1", mrs x0, aidr_el1
        mov     x0, #0
        TRAP    "case 15: dc isw, x0", dc isw, x0
        TRAP    "case 15: tlbi vmalle1is", tlbi vmalle1is
        TRAP    "case 15: tlbi vmalle1", tlbi vmalle1
        TRAP    "case 15: msr actlr_el1, x7", msr actlr_el1, x7
        MOV64   x0, 0x41000000
        TRAP    "tdz: dc zva, x0", dc zva, x0
        mrs     x2, dczid_el0
        ubfx    x2, x2, #4, #1
        CHECK   "tdz: dczid_el0.dzp", x2
        TRAP    "tpu: ic iallu", ic iallu
        MOV64   x5, (5 << 24) | 1
        TRAP    "case 16: msr icc_sgi1r_el1, x5", msr icc_sgi1r_el1, x5
        TRAP    "case 18: wfi", wfi
        TRAP    "case 19: smc #0", smc #0
        TRAP    "case 19: smc #0x42", smc #0x42

        // to EL2 for phase 2
        EXC_CLEAR
        adr     x1, el2_phase2
        EXC_STORE x1, EXC_RESUME, x2
        MOV64   x1, (1 << 63) | 0x3c9
        EXC_STORE x1, EXC_RESUME_SPSR, x2
        hvc     #0
el2_phase2:
        MOV64   x1, HCR_RW | HCR_TRVM
        msr     hcr_el2, x1
        msr     cnthctl_el2, xzr                // EL1PCTEN = EL1PCEN = 0 (E2H=0 layout)
        isb
        TO_EL1  el1_phase2
el1_phase2:
        mov     x2, #0
        TRAP    "case 12: mrs x2, sctlr_el1", mrs x2, sctlr_el1
        CHECK   "case 12: x2 after the trapped read", x2
        NOTRAP  "case 12: msr sctlr_el1 with TRVM only", msr sctlr_el1, x19
        TRAP    "case 38: mrs x3, cntpct_el0", mrs x3, cntpct_el0
        TRAP    "case 38: msr cntp_ctl_el0, x0", msr cntp_ctl_el0, x0
        NOTRAP  "case 38: mrs x3, cntvct_el0", mrs x3, cntvct_el0
        SAY     "done"
        b       poweroff
