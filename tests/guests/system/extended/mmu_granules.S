// mmu_granules: stage 1 at EL1 with the 64 KiB and 16 KiB granules and block mappings (el2.md §6.4).
//   64 KiB, T0SZ=16 (start level 1): 512 MiB L2 blocks for RAM and the devices, a 64 KiB L3 page read
//   at its last doubleword, a read-only block (read works, write: permission fault at level 2), a
//   block with AF=0 (access flag fault at level 2), translation faults at levels 1, 2, 3, and
//   AT S1E1R of the page (PAR_EL1: PA[47:12] of a 64 KiB page, ATTR 0xFF, SH 0b11, NS, bit 11).
//   16 KiB, T0SZ=16 (start level 0, a two-entry level-0 table): the same with 32 MiB L2 blocks and
//   a level-0 translation fault (VA bit 47 set, L0 entry 1 invalid).
// TTBR1 walks are disabled (TCR_EL1.EPD1=1). PAR.NS for a Non-secure regime is UNKNOWN in the Arm ARM;
// QEMU and el2.md (case 29) report 1.
#include "lib.inc"

#define TABLES  0x42000000
#define K64_L1  (TABLES + 0x00000)
#define K64_L2  (TABLES + 0x10000)
#define K64_L3  (TABLES + 0x20000)
#define K16_L0  (TABLES + 0x30000)
#define K16_L1  (TABLES + 0x34000)
#define K16_L2  (TABLES + 0x38000)
#define K16_L3  (TABLES + 0x3C000)
#define TABLES_END (TABLES + 0x40000)
#define PAGE_PA 0x44000000      /* 64 KiB aligned */

#define TABLE   3
#define PAGE    3
#define BLOCK   1
#define NORMAL  ((0 << 2) | (3 << 8) | (1 << 10))      /* AttrIndx 0, inner shareable, AF */
#define DEVICE  ((1 << 2) | (1 << 10) | (1 << 53) | (1 << 54))
#define RO      (2 << 6)
#define NOAF_NORMAL ((0 << 2) | (3 << 8))

#define TCR_COMMON  (16 | (1 << 8) | (1 << 10) | (3 << 12) | (1 << 23) | (2 << 32))
#define TCR_64K     (TCR_COMMON | (1 << 14) | (3 << 30))
#define TCR_16K     (TCR_COMMON | (2 << 14) | (1 << 30))

.macro PTE table, index, value
        MOV64   x9, (\table + 8 * (\index))
        MOV64   x10, \value
        str     x10, [x9]
.endm

.macro FAULT name, insn:vararg
        EXC_CLEAR
        msr     nzcv, xzr
.Lf\@:  \insn
        SHOW    "\name", .Lf\@
        SHOW_FAR "\name"
.endm

        .text
        .global main
main:
        TO_EL1  el1

el1:    MOV64   x1, TABLES
        MOV64   x2, TABLES_END
1:      stp     xzr, xzr, [x1], #16
        cmp     x1, x2
        b.lo    1b
        MOV64   x1, PAGE_PA
        MOV64   x2, 0x64fff8
        MOV64   x3, 0xfff8
        str     x2, [x1, x3]
        MOV64   x2, 0x163ff8
        str     x2, [x1, #0x3ff8]
        MOV64   x1, 0x4400ff                    // MAIR_EL1: 0 = Normal WB, 1 = Device-nGnRnE
        msr     mair_el1, x1

        // ---- 64 KiB granule: L1 index VA[47:42], L2 VA[41:29] (512 MiB blocks), L3 VA[28:16]
        PTE     K64_L1, 0, K64_L2 | TABLE
        PTE     K64_L2, 0, 0x00000000 | BLOCK | DEVICE
        PTE     K64_L2, 2, 0x40000000 | BLOCK | NORMAL
        PTE     K64_L2, 3, K64_L3 | TABLE
        PTE     K64_L2, 5, 0x40000000 | BLOCK | NOAF_NORMAL
        PTE     K64_L2, 6, 0x40000000 | BLOCK | NORMAL | RO
        PTE     K64_L3, 0, PAGE_PA | PAGE | NORMAL
        MOV64   x1, TCR_64K
        MOV64   x2, K64_L1
        bl      mmu_on
        SAY     "64K granule"
        MOV64   x1, 0x6000fff8
        ldr     x2, [x1]
        CHECK   "64K page read at +0xfff8", x2
        at      s1e1r, x1
        isb
        mrs     x2, par_el1
        CHECK   "64K page at s1e1r par", x2
        adr     x1, _start
        MOV64   x3, 0xC0000000 - 0x40000000
        add     x1, x1, x3
        ldr     w2, [x1]
        CHECK   "64K read-only block read of _start", x2
        FAULT   "64K read-only block write", str x2, [x1]
        MOV64   x1, 0xA0000000
        FAULT   "64K block with AF=0", ldr x2, [x1]
        MOV64   x1, 0x60010000
        FAULT   "64K translation L3", ldr x2, [x1]
        MOV64   x1, 0x80000000
        FAULT   "64K translation L2", ldr x2, [x1]
        MOV64   x1, 0x40000000000
        FAULT   "64K translation L1", ldr x2, [x1]
        bl      mmu_off

        // ---- 16 KiB granule: L0 index VA[47], L1 VA[46:36], L2 VA[35:25] (32 MiB blocks), L3 VA[24:14]
        PTE     K16_L0, 0, K16_L1 | TABLE
        PTE     K16_L1, 0, K16_L2 | TABLE
        PTE     K16_L2, 0x08000000 >> 25, 0x08000000 | BLOCK | DEVICE
        PTE     K16_L2, 32, 0x40000000 | BLOCK | NORMAL
        PTE     K16_L2, 33, 0x42000000 | BLOCK | NORMAL
        PTE     K16_L2, 34, 0x44000000 | BLOCK | NORMAL
        PTE     K16_L2, 35, 0x46000000 | BLOCK | NORMAL
        PTE     K16_L2, 48, K16_L3 | TABLE
        PTE     K16_L2, 50, 0x40000000 | BLOCK | NORMAL | RO
        PTE     K16_L2, 51, 0x40000000 | BLOCK | NOAF_NORMAL
        PTE     K16_L3, 0, PAGE_PA | PAGE | NORMAL
        MOV64   x1, TCR_16K
        MOV64   x2, K16_L0
        bl      mmu_on
        SAY     "16K granule"
        MOV64   x1, 0x60003ff8
        ldr     x2, [x1]
        CHECK   "16K page read at +0x3ff8", x2
        at      s1e1r, x1
        isb
        mrs     x2, par_el1
        CHECK   "16K page at s1e1r par", x2
        adr     x1, _start
        MOV64   x3, 0x64000000 - 0x40000000
        add     x1, x1, x3
        ldr     w2, [x1]
        CHECK   "16K read-only block read of _start", x2
        FAULT   "16K read-only block write", str x2, [x1]
        MOV64   x1, 0x66000000
        FAULT   "16K block with AF=0", ldr x2, [x1]
        MOV64   x1, 0x60004000
        FAULT   "16K translation L3", ldr x2, [x1]
        MOV64   x1, 0x62000000
        FAULT   "16K translation L2", ldr x2, [x1]
        MOV64   x1, 0x1000000000
        FAULT   "16K translation L1", ldr x2, [x1]
        MOV64   x1, 0x800000000000
        FAULT   "16K translation L0", ldr x2, [x1]
        bl      mmu_off
        SAY     "done"
        b       poweroff

// mmu_on: TCR_EL1 = x1, TTBR0_EL1 = x2, then SCTLR_EL1.M/C/I on. Clobbers x1.
mmu_on: msr     tcr_el1, x1
        msr     ttbr0_el1, x2
        dsb     sy
        tlbi    vmalle1
        dsb     sy
        isb
        mrs     x1, sctlr_el1
        orr     x1, x1, #(1 << 0)
        orr     x1, x1, #(1 << 2)
        orr     x1, x1, #(1 << 12)
        msr     sctlr_el1, x1
        isb
        ret

// mmu_off: SCTLR_EL1.M/C/I off, TLBs invalidated. Clobbers x1.
mmu_off:
        mrs     x1, sctlr_el1
        bic     x1, x1, #(1 << 0)
        bic     x1, x1, #(1 << 2)
        bic     x1, x1, #(1 << 12)
        msr     sctlr_el1, x1
        isb
        dsb     sy
        tlbi    vmalle1
        dsb     sy
        isb
        ret
