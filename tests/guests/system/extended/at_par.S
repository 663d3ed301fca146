// at_par: address translation instructions and PAR_EL1 (el2.md §6.2, §6.3, §9 cases 29-31, 33, 34).
//   EL1, stage 1 off: AT S1E1R gives the flat mapping with Device-nGnRnE attributes.
//   EL1, stage 1 with the exact set-up of case 29 (4 KiB granule, T0SZ=25 so the walk starts at level 1,
//   V = 0x1000_0000 -> PA 0x4000_1000, AttrIndx -> MAIR byte 0xFF, SH=11, AF=1): AT S1E1R (case 29);
//   an unmapped level-3 entry, AF=0, AT S1E1W of an AP=10 page (case 30) and ESR_EL1/FAR_EL1 left
//   unchanged by them; AT S1E0R/S1E0W against AP=00/01/10 pages; with PSTATE.PAN=1 on an AP=01
//   page, AT S1E1R succeeds, AT S1E1RP fails and LDR takes a permission fault (case 31).
//   EL2 with E2H=0 and its own stage 1 (TCR_EL2/TTBR0_EL2, AP[1] = 1 as the EL2 regime wants):
//   AT S1E2R / S1E2W.
//   Stage 2 (HCR_EL2.VM=1, VTCR_EL2 4 KiB with T0SZ=25 and SL0=1, VTTBR_EL2): AT S12E1R at EL2 that
//   succeeds (both stages' output and attributes), that misses stage 2 at level 3 (PAR 0xA0F, case 34),
//   whose stage-1 walk misses stage 2 at level 2 (PAR 0xB0D), and AT S1E1R at EL2 (IPA output, and the
//   same stage-2 miss on the walk, which AT at EL2 also reports in PAR); at EL1 the same AT S1E1R
//   takes a data abort to EL2 instead (case 33): ESR_EL2 with S1PTW, FAR_EL2 = the VA, HPFAR_EL2.
// QEMU 7.2 reports PAR.SH = 0b00 for the Device-nGnRnE result of an AT with the MMU off; the Arm ARM
// says SH reads 0b10 for Device memory (el2.md §6.3 too), so those two lines print PAR with SH masked.
// PAR.NS (bit 9) for a Non-secure regime is UNKNOWN in the Arm ARM; QEMU and el2.md report 1.
#include "lib.inc"

#define TABLES  0x42000000
#define S1_L1   (TABLES + 0x0000)    /* EL1&0 stage 1, T0SZ=25: level 1 first */
#define S1_L2   (TABLES + 0x1000)    /* VA 0..0x3FFF_FFFF */
#define S1_L3   (TABLES + 0x2000)    /* VA 0x1000_0000..0x101F_FFFF */
#define E2_L1   (TABLES + 0x3000)    /* EL2 stage 1 */
#define E2_L2   (TABLES + 0x4000)
#define E2_L3   (TABLES + 0x5000)
#define S2_L1   (TABLES + 0x6000)    /* stage 2, IPA 39 bits, level 1 first */
#define S2_L2   (TABLES + 0x7000)    /* IPA 0x4000_0000..0x7FFF_FFFF */
#define S2_L3   (TABLES + 0x8000)    /* IPA 0x4300_0000..0x431F_FFFF */
#define NTABLES 9

#define V       0x10000000
#define IPA_OK  0x43000000          /* stage 2 maps it to PA_OK */
#define PA_OK   0x44000000
#define IPA_NO_S1_TABLE 0x50000000  /* a stage-1 level-2 table at an IPA stage 2 does not map (level 2) */

#define TABLE   3
#define PAGE    3
#define BLOCK   1
#define NORMAL  ((0 << 2) | (3 << 8) | (1 << 10))
#define DEVICE  ((1 << 2) | (1 << 10) | (1 << 53) | (1 << 54))
#define AP_RW_ALL   (1 << 6)
#define AP_RO_EL1   (2 << 6)
#define AP_RO_ALL   (3 << 6)
/* stage 2: MemAttr 0b1111 (Normal WB), S2AP 0b11 (read/write), inner shareable, AF */
#define S2_NORMAL   ((0xF << 2) | (3 << 6) | (3 << 8) | (1 << 10))

#define TCR_EL1_VALUE (25 | (1 << 8) | (1 << 10) | (3 << 12) | (1 << 23) | (2 << 32))
#define TCR_EL2_VALUE (25 | (1 << 8) | (1 << 10) | (3 << 12) | (2 << 16) | (1 << 23) | (1 << 31))
#define VTCR_VALUE    (25 | (1 << 6) | (1 << 8) | (1 << 10) | (3 << 12) | (2 << 16) | (1 << 31))

.macro PTE table, index, value
        MOV64   x9, (\table + 8 * (\index))
        MOV64   x10, \value
        str     x10, [x9]
.endm

// ATPAR "name", op, address: AT op for the address, then prints PAR_EL1
.macro ATPAR name, op, addr
        MOV64   x1, \addr
        at      \op, x1
        isb
        mrs     x2, par_el1
        CHECK   "\name", x2
.endm

        .text
        .global main
main:
        ADRL    x1, rec_vectors_el2
        msr     vbar_el2, x1
        MOV64   x1, TABLES
        MOV64   x2, TABLES + NTABLES * 4096
1:      stp     xzr, xzr, [x1], #16
        cmp     x1, x2
        b.lo    1b
        MOV64   x1, IPA_NO_S1_TABLE             // what the stage-1 walk reads there while VM=0
        mov     x2, #512
1:      stp     xzr, xzr, [x1], #16
        subs    x2, x2, #2
        b.ne    1b
        // EL1&0 stage 1
        PTE     S1_L1, 0, S1_L2 | TABLE
        PTE     S1_L1, 1, 0x40000000 | BLOCK | NORMAL                       // RAM, 1 GiB block
        PTE     S1_L1, 2, IPA_NO_S1_TABLE | TABLE
        PTE     S1_L2, 0x09000000 >> 21, 0x09000000 | BLOCK | DEVICE
        PTE     S1_L2, V >> 21, S1_L3 | TABLE
        PTE     S1_L3, 0, 0x40001000 | PAGE | NORMAL                        // case 29
        //      S1_L3, 1: invalid
        PTE     S1_L3, 2, 0x40002000 | PAGE | (0 << 2) | (3 << 8)          // AF = 0
        PTE     S1_L3, 3, 0x40003000 | PAGE | NORMAL | AP_RO_EL1
        PTE     S1_L3, 4, 0x40004000 | PAGE | NORMAL | AP_RW_ALL
        PTE     S1_L3, 5, IPA_OK | PAGE | NORMAL
        PTE     S1_L3, 6, (IPA_OK + 0x1000) | PAGE | NORMAL
        PTE     S1_L3, 7, 0x40007000 | PAGE | NORMAL | AP_RO_ALL
        // EL2 stage 1 (AP[1] = 1)
        PTE     E2_L1, 0, E2_L2 | TABLE
        PTE     E2_L1, 1, 0x40000000 | BLOCK | NORMAL | AP_RW_ALL
        PTE     E2_L2, 0x09000000 >> 21, 0x09000000 | BLOCK | DEVICE | AP_RW_ALL
        PTE     E2_L2, V >> 21, E2_L3 | TABLE
        PTE     E2_L3, 0, 0x40001000 | PAGE | NORMAL | AP_RW_ALL
        PTE     E2_L3, 3, 0x40003000 | PAGE | NORMAL | AP_RO_ALL
        // stage 2
        PTE     S2_L1, 1, S2_L2 | TABLE
        PTE     S2_L2, 0, 0x40000000 | BLOCK | S2_NORMAL                    // code and data
        PTE     S2_L2, (TABLES - 0x40000000) >> 21, TABLES | BLOCK | S2_NORMAL
        PTE     S2_L2, (0x47600000 - 0x40000000) >> 21, 0x47600000 | BLOCK | S2_NORMAL  // SP_EL1
        PTE     S2_L2, (IPA_OK - 0x40000000) >> 21, S2_L3 | TABLE
        PTE     S2_L3, 0, PA_OK | PAGE | S2_NORMAL
        //      S2_L3, 1: invalid
        MOV64   x1, 0x4400ff
        msr     mair_el1, x1
        msr     mair_el2, x1
        MOV64   x1, TCR_EL1_VALUE
        msr     tcr_el1, x1
        MOV64   x1, S1_L1
        msr     ttbr0_el1, x1
        dsb     sy
        tlbi    alle1
        tlbi    alle2
        dsb     sy
        isb
        TO_EL1  el1_part

el1_part:
        // PAR.SH is printed masked here: the Arm ARM has SH = 0b10 for Device memory, QEMU 7.2 gives 0b00
        MOV64   x1, 0x40001008
        at      s1e1r, x1
        isb
        mrs     x2, par_el1
        bic     x2, x2, #0x180
        CHECK   "mmu off: at s1e1r 0x40001008 (SH masked)", x2
        mrs     x1, sctlr_el1
        orr     x1, x1, #1
        msr     sctlr_el1, x1
        isb
        MOV64   x1, 0x1234
        msr     esr_el1, x1
        MOV64   x1, 0x5678
        msr     far_el1, x1
        ATPAR   "case 29: at s1e1r V", s1e1r, V + 0x008
        ATPAR   "case 29: at s1e1w V", s1e1w, V + 0x008
        ATPAR   "case 30: at s1e1r V+0x1000 (unmapped L3)", s1e1r, V + 0x1000
        ATPAR   "case 30: at s1e1r V+0x2000 (AF=0)", s1e1r, V + 0x2000
        ATPAR   "case 30: at s1e1r V+0x3000 (AP=10)", s1e1r, V + 0x3000
        ATPAR   "case 30: at s1e1w V+0x3000 (AP=10)", s1e1w, V + 0x3000
        ATPAR   "at s1e1r 0x8000_0000 (no stage 2: walk of the L2 table)", s1e1r, 0x80000000
        ATPAR   "at s1e1r 0x40_0000_0000 (L1 entry 256 invalid)", s1e1r, 0x4000000000
        ATPAR   "at s1e1r 0x80_0000_0000 (beyond T0SZ=25: level 0)", s1e1r, 0x8000000000
        mrs     x2, esr_el1
        CHECK   "esr_el1 after the at faults", x2
        mrs     x2, far_el1
        CHECK   "far_el1 after the at faults", x2
        ATPAR   "at s1e0r V (AP=00)", s1e0r, V
        ATPAR   "at s1e0r V+0x4000 (AP=01)", s1e0r, V + 0x4000
        ATPAR   "at s1e0w V+0x4000 (AP=01)", s1e0w, V + 0x4000
        ATPAR   "at s1e0r V+0x7000 (AP=11)", s1e0r, V + 0x7000
        ATPAR   "at s1e0w V+0x7000 (AP=11)", s1e0w, V + 0x7000
        // case 31
        msr     pan, #1
        ATPAR   "case 31: pan at s1e1r V+0x4000", s1e1r, V + 0x4000
        ATPAR   "case 31: pan at s1e1rp V+0x4000", s1e1rp, V + 0x4000
        ATPAR   "case 31: pan at s1e1wp V+0x4000", s1e1wp, V + 0x4000
        ATPAR   "case 31: pan at s1e1rp V (AP=00)", s1e1rp, V
        MOV64   x1, V + 0x4000
        ldr     x2, [x1]                        // permission fault: the EL1 vectors' handler records it
        mrs     x2, esr_el1
        CHECK   "case 31: pan ldr esr_el1", x2
        mrs     x2, far_el1
        CHECK   "case 31: pan ldr far_el1", x2
        msr     pan, #0
        ATPAR   "pan 0: at s1e1rp V+0x4000", s1e1rp, V + 0x4000
        EXC_CLEAR
        adr     x1, el2_part
        EXC_STORE x1, EXC_RESUME, x2
        MOV64   x1, (1 << 63) | 0x3c9
        EXC_STORE x1, EXC_RESUME_SPSR, x2
        hvc     #0                              // to el2_part (the record's resume)

el2_part:
        mrs     x2, CurrentEL
        CHECK   "CurrentEL", x2
        // EL2 regime (E2H=0), MMU off then on
        MOV64   x1, 0x40001008
        at      s1e2r, x1
        isb
        mrs     x2, par_el1
        bic     x2, x2, #0x180
        CHECK   "mmu off: at s1e2r 0x40001008 (SH masked)", x2
        MOV64   x1, TCR_EL2_VALUE
        msr     tcr_el2, x1
        MOV64   x1, E2_L1
        msr     ttbr0_el2, x1
        isb
        mrs     x1, sctlr_el2
        orr     x1, x1, #1
        msr     sctlr_el2, x1
        isb
        ATPAR   "at s1e2r V", s1e2r, V + 0x008
        ATPAR   "at s1e2w V", s1e2w, V + 0x008
        ATPAR   "at s1e2r V+0x1000 (unmapped L3)", s1e2r, V + 0x1000
        ATPAR   "at s1e2w V+0x3000 (AP=11: read-only)", s1e2w, V + 0x3000
        ATPAR   "at s1e2r V+0x3000 (AP=11: read-only)", s1e2r, V + 0x3000
        mrs     x1, sctlr_el2
        bic     x1, x1, #1
        msr     sctlr_el2, x1
        isb

        // stage 2
        ATPAR   "vm=0: at s12e1r V+0x5000", s12e1r, V + 0x5000
        MOV64   x1, VTCR_VALUE
        msr     vtcr_el2, x1
        MOV64   x1, S2_L1
        msr     vttbr_el2, x1
        MOV64   x1, (1 << 31) | (1 << 0)        // RW, VM
        msr     hcr_el2, x1
        isb
        tlbi    alle1
        dsb     sy
        isb
        ATPAR   "case 34: at s12e1r V+0x5000", s12e1r, V + 0x5000
        ATPAR   "case 34: at s12e1w V+0x5000", s12e1w, V + 0x5000
        ATPAR   "case 34: at s12e1r V+0x6000 (stage 2 L3 miss)", s12e1r, V + 0x6000
        ATPAR   "case 34: at s12e1r 0x8000_0000 (stage 2 L2 miss on the walk)", s12e1r, 0x80000000
        ATPAR   "case 34: at s12e0r V+0x4000", s12e0r, V + 0x4000
        ATPAR   "at el2: at s1e1r V+0x5000", s1e1r, V + 0x5000
        ATPAR   "at el2: at s1e1r V+0x6000", s1e1r, V + 0x6000
        ATPAR   "at el2: at s1e1r 0x8000_0000 (stage 2 L2 miss on the walk)", s1e1r, 0x80000000

        // case 33: the same AT at EL1 takes a data abort to EL2
        EXC_CLEAR
        adr     x1, back_at_el2
        EXC_STORE x1, EXC_RESUME, x2
        MOV64   x1, (1 << 63) | 0x3c9
        EXC_STORE x1, EXC_RESUME_SPSR, x2
        msr     par_el1, xzr
        TO_EL1  el1_again
el1_again:
        MOV64   x1, 0x80000000
at33:   at      s1e1r, x1
        isb
        hvc     #1
back_at_el2:
        SHOW    "case 33: at s1e1r at EL1", at33
        SHOW_FAR "case 33: at s1e1r at EL1"
        mrs     x2, hpfar_el2
        CHECK   "case 33: hpfar_el2", x2
        mrs     x2, par_el1
        CHECK   "case 33: par_el1 (unchanged)", x2
        MOV64   x1, (1 << 31)
        msr     hcr_el2, x1
        isb
        SAY     "done"
        b       poweroff
