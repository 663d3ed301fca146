// (The exception reporter clobbers x0-x13: values that must survive a fault live in x20 and up.)
// Stage-1 translation at EL1 with 4 KiB pages and 39-bit VAs in both halves: a 1 GiB identity block for
// RAM, a device block for the UART, and test pages with their faults (translation at levels 2 and 3,
// access flag, permission, PAN, execute-never), LDTR under PAN, AT with PAR_EL1 (el2.md cases 29-31),
// the upper half through TTBR1, and a PTE change made visible by TLBI VAE1.
        .include "macros.inc"
        .equ NORMAL_BLOCK, 0x701                 // block, AttrIndx 0 (MAIR 0xff), inner shareable, AF
        .equ DEVICE_BLOCK, 0x405                 // block, AttrIndx 1 (MAIR 0x00), AF
        .equ PAGE_RW, 0x703                      // page, EL1 read/write
        .equ PAGE_RO, 0x783                      // AP = 10: EL1 read-only
        .equ PAGE_EL0, 0x743                     // AP = 01: EL1 and EL0 read/write
        .equ PAGE_NOAF, 0x303                    // AF = 0
        .equ TEST_VA, 0x80000000
        .section .text.start
        .global _start
_start:
        START
        TO_EL1  el1, (1 << 31)

el1:
        // Level 1 of TTBR0: [0] -> level 2 (device UART), [1] = RAM identity block, [2] -> test level 2.
        adr     x20, l1_lo
        adr     x1, l2_io
        orr     x1, x1, #3
        str     x1, [x20]
        ldr     x1, =(0x40000000 | NORMAL_BLOCK)
        str     x1, [x20, #8]
        adr     x1, l2_test
        orr     x1, x1, #3
        str     x1, [x20, #16]
        adr     x21, l2_io
        ldr     x1, =(0x09000000 | DEVICE_BLOCK)
        str     x1, [x21, #(72 * 8)]              // 0x0900_0000 is 2 MiB block 72
        adr     x22, l2_test
        adr     x1, l3_test
        orr     x1, x1, #3
        str     x1, [x22]                        // 0x8000_0000..0x801F_FFFF -> level 3; 0x8020_0000 unmapped
        adr     x23, l3_test
        adr     x24, page_a
        mov     x1, #PAGE_RW
        orr     x1, x1, x24
        str     x1, [x23, #0]                    // TEST_VA + 0x0000: page_a, RW
        mov     x1, #PAGE_RO
        orr     x1, x1, x24
        str     x1, [x23, #8]                    // + 0x1000: page_a, read-only
        mov     x1, #PAGE_NOAF
        orr     x1, x1, x24
        str     x1, [x23, #16]                   // + 0x2000: AF = 0
                                                 // + 0x3000: invalid
        mov     x1, #PAGE_EL0
        orr     x1, x1, x24
        str     x1, [x23, #32]                   // + 0x4000: EL0 read/write
        adr     x1, xn_code
        ldr     x2, =(PAGE_RW | (1 << 53) | (1 << 54))
        orr     x1, x1, x2
        str     x1, [x23, #40]                   // + 0x5000: code, PXN and UXN
        // TTBR1: the last 1 GiB of the upper half maps page_a through the same level-3 table.
        adr     x25, l1_hi
        adr     x1, l2_test
        orr     x1, x1, #3
        str     x1, [x25, #(511 * 8)]
        dsb     sy

        ldr     x1, =0x00ff                      // MAIR: attr0 normal write-back, attr1 device-nGnRnE
        msr     mair_el1, x1
        // TCR: T0SZ = T1SZ = 25, 4K granules (TG0 = 0, TG1 = 2), write-back inner shareable walks, IPS 48 bits.
        ldr     x1, =(25 | (1 << 8) | (1 << 10) | (3 << 12) | (25 << 16) | (1 << 24) | (1 << 26) | (3 << 28) | (2 << 30) | (5 << 32))
        msr     tcr_el1, x1
        adr     x1, l1_lo
        msr     ttbr0_el1, x1
        adr     x1, l1_hi
        msr     ttbr1_el1, x1
        isb
        mrs     x1, sctlr_el1
        orr     x1, x1, #1                       // M
        bic     x1, x1, #(1 << 23)               // SPAN = 0: PAN set on exception entry
        msr     sctlr_el1, x1
        isb
        SAY     "MMU on"

        ldr     x20, =TEST_VA
        ldr     x1, =0x1122334455667788
        str     x1, [x20]
        ldr     x2, [x20, #0x1000]
        CHECK   "read through the read-only alias", x2
        ldr     x2, =0xFFFFFFFFC0000000
        ldr     x3, [x2]
        CHECK   "read through TTBR1", x3
        str     x1, [x20, #0x1000]               // permission fault, level 3
        ldr     x2, [x20, #0x2000]               // access flag fault
        ldr     x2, [x20, #0x3000]               // translation fault, level 3
        ldr     x2, =0x80200000
        ldr     x3, [x2]                         // translation fault, level 2
        add     x2, x20, #0x5000
        blr     x2                               // instruction abort: execute-never

        // AT and PAR_EL1 (el2.md 6.3): success, read-only page for a write, invalid page.
        at      s1e1r, x20
        isb
        mrs     x2, par_el1
        adr     x3, page_a
        sub     x2, x2, x3                       // the PA is the program's: print the rest
        CHECK   "AT S1E1R ok, PAR - page_a", x2
        add     x2, x20, #0x1000
        at      s1e1w, x2
        isb
        mrs     x3, par_el1
        CHECK   "AT S1E1W read-only, PAR", x3
        add     x2, x20, #0x3000
        at      s1e1r, x2
        isb
        mrs     x3, par_el1
        CHECK   "AT S1E1R invalid, PAR", x3
        add     x2, x20, #0x2000
        at      s1e1r, x2
        isb
        mrs     x3, par_el1
        CHECK   "AT S1E1R no AF, PAR", x3

        // PAN (case 31): a privileged access to an EL0 page faults; AT S1E1R succeeds, S1E1RP does not; LDTR works.
        msr     pan, #1
        add     x21, x20, #0x4000
        ldr     x3, [x21]                        // permission fault
        at      s1e1r, x21
        isb
        mrs     x3, par_el1
        and     x3, x3, #1
        CHECK   "PAN: AT S1E1R fault bit", x3
        at      s1e1rp, x21
        isb
        mrs     x3, par_el1
        CHECK   "PAN: AT S1E1RP, PAR", x3
        ldtr    x3, [x21]
        CHECK   "PAN: LDTR", x3
        msr     pan, #0

        // Point TEST_VA at page_b, invalidate, and read the new page's value.
        adr     x24, page_b
        ldr     x1, =0xAAAABBBBCCCCDDDD
        str     x1, [x24]
        mov     x1, #PAGE_RW
        orr     x1, x1, x24
        adr     x23, l3_test
        str     x1, [x23]
        dsb     ishst
        lsr     x2, x20, #12
        tlbi    vae1is, x2
        dsb     ish
        isb
        ldr     x3, [x20]
        CHECK   "after the PTE change and TLBI", x3
        svc     #0xFFFF

        .balign 4096
xn_code:
        ret
        .balign 4096

        .include "lib.inc"

        .bss
        .balign 4096
l1_lo:  .skip 4096
l1_hi:  .skip 4096
l2_io:  .skip 4096
l2_test: .skip 4096
l3_test: .skip 4096
page_a: .skip 4096
page_b: .skip 4096
