// mmu: stage-1 translation at EL1, 4 KiB granule, 48-bit VAs in both halves (T0SZ = T1SZ = 16,
// start level 0), el2.md §6.4 and §9 case 31.
//   Identity map of the code/data (L3 pages), the UART (L2 Device block), the stacks and the page
//   tables (L2 blocks); a data page also mapped at the high VA 0xFFFF_0000_0010_0000 (TTBR1) and at
//   a second low VA; reads and writes through the aliases. Faults with ESR_EL1/FAR_EL1: translation
//   faults at levels 0 (also a non-canonical VA and an unmapped TTBR1 VA), 1, 2 and 3, access flag
//   fault (read and write), permission fault (write to a read-only page), an EL0 access to an EL1-only
//   page (EC 0x24, from the lower EL) while an EL0 access to an AP=01 page works, execute from an XN
//   page (instruction abort EC 0x21); PAN (case 31): with PSTATE.PAN=1 an EL1 LDR of an AP=01 page
//   takes a permission fault and LDTR of it works; a PTE changed and made visible by TLBI VAE1 and by
//   TLBI VMALLE1 (each followed by DSB and ISB).
// Aborts reported in ESR_EL1 have ISV=0 (the Arm ARM gives an instruction syndrome only for stage-2
// aborts reported to EL2), so every data-abort ESR here is EC | IL | WnR | DFSC.
#include "lib.inc"

#define TABLES  0x42000000      /* page tables: 4 KiB each, below */
#define T0_L0   (TABLES + 0x0000)
#define T0_L1   (TABLES + 0x1000)
#define T0_L2D  (TABLES + 0x2000)   /* VA 0x0000_0000..0x3FFF_FFFF: the UART block */
#define T0_L2R  (TABLES + 0x3000)   /* VA 0x4000_0000..0x7FFF_FFFF: RAM */
#define T0_L3C  (TABLES + 0x4000)   /* VA 0x4000_0000..0x401F_FFFF: code and data pages */
#define T0_L3T  (TABLES + 0x5000)   /* VA 0x4300_0000..0x431F_FFFF: the test pages */
#define T1_L0   (TABLES + 0x6000)
#define T1_L1   (TABLES + 0x7000)
#define T1_L2   (TABLES + 0x8000)
#define T1_L3   (TABLES + 0x9000)
#define NTABLES 10

#define DATA    0x43000000      /* the test pages, VA = PA */
#define HIGH_VA 0xFFFF000000100000

// descriptor bits
#define TABLE   3
#define PAGE    3
#define BLOCK   1
#define ATTR_NORMAL (0 << 2)    /* MAIR_EL1 byte 0 = 0xFF */
#define ATTR_DEVICE (1 << 2)    /* MAIR_EL1 byte 1 = 0x00 */
#define AP_RW_EL1   (0 << 6)
#define AP_RW_ALL   (1 << 6)
#define AP_RO_EL1   (2 << 6)
#define AP_RO_ALL   (3 << 6)
#define SH_INNER    (3 << 8)
#define AF          (1 << 10)
#define PXN         (1 << 53)
#define UXN         (1 << 54)
#define NORMAL      (ATTR_NORMAL | SH_INNER | AF)

#define TCR_VALUE   (16 | (1 << 8) | (1 << 10) | (3 << 12) | (0 << 14) | (16 << 16) | (1 << 24) | (1 << 26) | (3 << 28) | (2 << 30) | (2 << 32))

// PTE table, index, value (clobbers x9, x10)
.macro PTE table, index, value
        MOV64   x9, (\table + 8 * (\index))
        MOV64   x10, \value
        str     x10, [x9]
.endm

// FAULT "name", insn...: runs one faulting access at label .Lf\@ and prints the exception
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

el1:    // zero the tables, then fill them (MMU off)
        MOV64   x1, TABLES
        MOV64   x2, TABLES + NTABLES * 4096
1:      stp     xzr, xzr, [x1], #16
        cmp     x1, x2
        b.lo    1b
        PTE     T0_L0, 0, T0_L1 | TABLE
        PTE     T0_L1, 0, T0_L2D | TABLE
        PTE     T0_L1, 1, T0_L2R | TABLE
        PTE     T0_L2D, 0x09000000 >> 21, 0x09000000 | BLOCK | ATTR_DEVICE | AF | PXN | UXN
        PTE     T0_L2R, 0, T0_L3C | TABLE
        PTE     T0_L2R, (TABLES - 0x40000000) >> 21, TABLES | BLOCK | NORMAL | UXN | PXN
        PTE     T0_L2R, (DATA - 0x40000000) >> 21, T0_L3T | TABLE
        PTE     T0_L2R, (0x47400000 - 0x40000000) >> 21, 0x47400000 | BLOCK | NORMAL | AP_RW_ALL | UXN
        PTE     T0_L2R, (0x47600000 - 0x40000000) >> 21, 0x47600000 | BLOCK | NORMAL | UXN | PXN
        // code and data: 512 pages, EL1 read/write; the EL0 page read-only for both and EL0-executable
        MOV64   x1, T0_L3C
        MOV64   x2, 0x40000000 | PAGE | NORMAL
        mov     x3, #512
1:      str     x2, [x1], #8
        add     x2, x2, #4096
        subs    x3, x3, #1
        b.ne    1b
        adr     x1, el0_page
        lsr     x2, x1, #12
        and     x2, x2, #511
        MOV64   x3, T0_L3C
        MOV64   x4, PAGE | NORMAL | AP_RO_ALL
        orr     x1, x1, x4
        str     x1, [x3, x2, lsl #3]
        // the test pages
        PTE     T0_L3T, 0, DATA | PAGE | NORMAL | UXN | PXN                     // RW at EL1
        //      T0_L3T, 1: invalid
        PTE     T0_L3T, 2, (DATA + 0x2000) | PAGE | ATTR_NORMAL | SH_INNER | UXN | PXN  // AF = 0
        PTE     T0_L3T, 3, (DATA + 0x3000) | PAGE | NORMAL | AP_RO_EL1 | UXN | PXN
        PTE     T0_L3T, 4, (DATA + 0x4000) | PAGE | NORMAL | AP_RW_ALL | UXN | PXN
        PTE     T0_L3T, 5, (DATA + 0x5000) | PAGE | NORMAL | AP_RW_EL1 | UXN | PXN
        PTE     T0_L3T, 6, (DATA + 0x6000) | PAGE | NORMAL | UXN | PXN                  // execute-never
        PTE     T0_L3T, 7, DATA | PAGE | NORMAL | UXN | PXN                             // alias of page 0
        PTE     T1_L0, 0, T1_L1 | TABLE
        PTE     T1_L1, 0, T1_L2 | TABLE
        PTE     T1_L2, 0, T1_L3 | TABLE
        PTE     T1_L3, 0x100, DATA | PAGE | NORMAL | UXN | PXN                          // high alias of page 0
        // data: page 0, 3, 4, 5 and the pages at DATA + 0x10000 / 0x20000 used by the TLBI checks
        MOV64   x1, DATA
        MOV64   x2, 0x1111
        str     x2, [x1]
        MOV64   x2, 0x3333
        str     x2, [x1, #0x3000]
        MOV64   x2, 0x4444
        str     x2, [x1, #0x4000]
        MOV64   x2, 0x5555
        str     x2, [x1, #0x5000]
        MOV64   x1, DATA + 0x10000
        MOV64   x2, 0x10101
        str     x2, [x1]
        MOV64   x1, DATA + 0x20000
        MOV64   x2, 0x20202
        str     x2, [x1]

        // MMU on
        MOV64   x1, 0x4400ff                    // MAIR_EL1: 0 = Normal WB, 1 = Device-nGnRnE, 2 = Normal NC
        msr     mair_el1, x1
        MOV64   x1, TCR_VALUE
        msr     tcr_el1, x1
        MOV64   x1, T0_L0
        msr     ttbr0_el1, x1
        MOV64   x1, T1_L0
        msr     ttbr1_el1, x1
        dsb     sy
        tlbi    vmalle1
        dsb     sy
        isb
        mrs     x1, sctlr_el1
        orr     x1, x1, #(1 << 0)               // M
        orr     x1, x1, #(1 << 2)               // C
        orr     x1, x1, #(1 << 12)              // I
        msr     sctlr_el1, x1
        isb
        SAY     "mmu on"
        mrs     x1, sctlr_el1
        and     x1, x1, #1
        CHECK   "sctlr_el1.m", x1

        // aliases
        MOV64   x1, DATA
        ldr     x2, [x1]
        CHECK   "read page 0", x2
        MOV64   x3, HIGH_VA
        ldr     x2, [x3]
        CHECK   "read high alias", x2
        MOV64   x2, 0xabcd
        str     x2, [x3, #8]
        ldr     x2, [x1, #8]
        CHECK   "write high alias, read page 0", x2
        MOV64   x4, DATA + 0x7000
        ldr     x2, [x4, #8]
        CHECK   "read low alias", x2
        MOV64   x2, 0x5678
        str     x2, [x4, #16]
        ldr     x2, [x3, #16]
        CHECK   "write low alias, read high alias", x2

        // translation faults at each level, access flag, permission
        MOV64   x1, DATA + 0x1000
        FAULT   "translation L3", ldr x2, [x1]
        MOV64   x1, DATA + 0x200000
        FAULT   "translation L2", ldr x2, [x1]
        MOV64   x1, 0x80000000
        FAULT   "translation L1", ldr x2, [x1]
        MOV64   x1, 0x0000800000000000
        FAULT   "translation L0", ldr x2, [x1]
        MOV64   x1, 0x0001000000000000
        FAULT   "non-canonical VA", ldr x2, [x1]
        MOV64   x1, 0xFFFF800000000000
        FAULT   "translation L0 ttbr1", str x2, [x1]
        MOV64   x1, DATA + 0x2008
        FAULT   "access flag read", ldr x2, [x1]
        FAULT   "access flag write", str x2, [x1]
        MOV64   x1, DATA + 0x3000
        ldr     x2, [x1]
        CHECK   "read-only page read", x2
        FAULT   "permission write", str x2, [x1]
        ldr     x2, [x1]
        CHECK   "read-only page after the write", x2

        // execute from an XN page: an instruction abort at the page (ELR = FAR = the VA)
        EXC_CLEAR
        adr     x1, 1f
        EXC_STORE x1, EXC_RESUME, x2
        MOV64   x1, DATA + 0x6000
        ret     x1
1:      EXC_LOAD x2, EXC_COUNT
        CHECK   "execute xn taken", x2
        EXC_LOAD x2, EXC_VEC
        CHECK   "execute xn vector", x2
        EXC_LOAD x2, EXC_ESR
        CHECK   "execute xn esr", x2
        EXC_LOAD x2, EXC_ELR
        CHECK   "execute xn elr", x2
        SHOW_FAR "execute xn"

        // EL0: an AP=01 page can be read, an AP=00 page cannot (EC 0x24 at +0x400)
        MOV64   x2, DATA + 0x4000
        adr     x5, el0_load
        bl      run_el0
        CHECK   "el0 read of an AP=01 page", x1
        EXC_LOAD x3, EXC_ESR
        CHECK   "el0 read of an AP=01 page: svc esr", x3
        MOV64   x2, DATA + 0x5000
        adr     x5, el0_load
        bl      run_el0
        EXC_LOAD x3, EXC_VEC
        CHECK   "el0 read of an AP=00 page vector", x3
        EXC_LOAD x3, EXC_ESR
        CHECK   "el0 read of an AP=00 page esr", x3
        SHOW_FAR "el0 read of an AP=00 page"
        EXC_LOAD x3, EXC_SPSR
        CHECK   "el0 read of an AP=00 page spsr", x3
        MOV64   x2, DATA + 0x3000
        adr     x5, el0_store
        bl      run_el0
        EXC_LOAD x3, EXC_ESR
        CHECK   "el0 write of an AP=10 page esr", x3

        // case 31: PAN=1 forbids EL1 data accesses to EL0-accessible pages; LDTR is unprivileged
        msr     pan, #1
        MOV64   x1, DATA + 0x4000
        FAULT   "pan ldr", ldr x2, [x1]
        FAULT   "pan str", str x2, [x1]
        mov     x2, #0
        ldtr    x2, [x1]
        CHECK   "pan ldtr", x2
        MOV64   x1, DATA + 0x5000
        ldr     x2, [x1]
        CHECK   "pan ldr of an AP=00 page", x2
        msr     pan, #0
        MOV64   x1, DATA + 0x4000
        ldr     x2, [x1]
        CHECK   "ldr after pan 0", x2

        // a PTE change made visible by TLBI VAE1, then by TLBI VMALLE1
        MOV64   x1, DATA + 0x7000
        ldr     x2, [x1]
        CHECK   "page 7 before", x2
        PTE     T0_L3T, 7, (DATA + 0x10000) | PAGE | NORMAL | UXN | PXN
        dsb     ishst
        lsr     x3, x1, #12
        tlbi    vae1, x3
        dsb     ish
        isb
        ldr     x2, [x1]
        CHECK   "page 7 after tlbi vae1", x2
        PTE     T0_L3T, 7, (DATA + 0x20000) | PAGE | NORMAL | UXN | PXN
        dsb     ishst
        tlbi    vmalle1
        dsb     ish
        isb
        ldr     x2, [x1]
        CHECK   "page 7 after tlbi vmalle1", x2
        PTE     T0_L3T, 7, 0
        dsb     ishst
        tlbi    vae1, x3
        dsb     ish
        isb
        FAULT   "page 7 unmapped", ldr x2, [x1]

        SAY     "done"
        b       poweroff

// run_el0: runs the EL0 routine at x5 (EL0t, DAIF clear) with x2 (address) and x3; the routine's
// first exception returns to the caller in EL1h. x1 = the EL0 routine's x1 (0 before it runs).
run_el0:
        EXC_CLEAR
        EXC_STORE x30, EXC_RESUME, x4
        MOV64   x4, (1 << 63) | 0x3c5
        EXC_STORE x4, EXC_RESUME_SPSR, x6
        msr     elr_el1, x5
        msr     spsr_el1, xzr
        mov     x1, #0
        isb
        eret

        .balign 4096
el0_page:
el0_load:
        ldr     x1, [x2]
        svc     #0
        b       .
el0_store:
        str     x3, [x2]
        svc     #0
        b       .
        .balign 4096
