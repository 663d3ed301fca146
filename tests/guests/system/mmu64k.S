// Stage-1 translation with the 64 KiB granule at EL1 (TG0 = 01, T0SZ = 25: the walk starts at level 2):
// 512 MiB blocks for RAM and the UART, 64 KiB pages for the tests, and their faults (permission, access
// flag, translation at levels 2 and 3), with AT S1E1R's PAR_EL1.
// (The exception reporter clobbers x0-x13: values that must survive a fault live in x20 and up.)
        .include "macros.inc"
        .equ NORMAL_BLOCK, 0x701                 // block, AttrIndx 0, inner shareable, AF
        .equ DEVICE_BLOCK, 0x405                 // block, AttrIndx 1, AF
        .equ PAGE_RW, 0x703
        .equ PAGE_RO, 0x783
        .equ PAGE_NOAF, 0x303
        .equ TEST_VA, 0x80000000
        .section .text.start
        .global _start
_start:
        START
        TO_EL1  el1, (1 << 31)

el1:    // Level 2 (8192 entries of 512 MiB): [0] UART device block, [2] RAM identity block, [4] -> level 3.
        adr     x20, l2
        mov     x1, #DEVICE_BLOCK
        str     x1, [x20]
        ldr     x1, =(0x40000000 | NORMAL_BLOCK)
        str     x1, [x20, #16]
        adr     x1, l3
        orr     x1, x1, #3
        str     x1, [x20, #32]
        adr     x21, l3
        adr     x22, page
        mov     x1, #PAGE_RW
        orr     x1, x1, x22
        str     x1, [x21]                        // TEST_VA: page, RW
        mov     x1, #PAGE_RO
        orr     x1, x1, x22
        str     x1, [x21, #8]                    // + 64 KiB: read-only alias
        mov     x1, #PAGE_NOAF
        orr     x1, x1, x22
        str     x1, [x21, #16]                   // + 128 KiB: AF = 0
        dsb     sy
        ldr     x1, =0x00ff
        msr     mair_el1, x1
        // TCR: T0SZ 25, TG0 64K, write-back inner shareable walks, EPD1 (no TTBR1 walks), IPS 48 bits.
        ldr     x1, =(25 | (1 << 8) | (1 << 10) | (3 << 12) | (1 << 14) | (1 << 23) | (5 << 32))
        msr     tcr_el1, x1
        adr     x1, l2
        msr     ttbr0_el1, x1
        isb
        mrs     x1, sctlr_el1
        orr     x1, x1, #1
        msr     sctlr_el1, x1
        isb
        SAY     "MMU on (64K granule)"

        ldr     x20, =TEST_VA
        ldr     x1, =0x0123456789ABCDEF
        ldr     x21, =(TEST_VA + 0x1238)
        str     x1, [x21]
        ldr     x21, =(TEST_VA + 0x11238)
        ldr     x2, [x21]
        CHECK   "read through the read-only alias", x2
        ldr     x21, =(TEST_VA + 0x10000)
        str     x1, [x21]                        // permission fault, level 3
        ldr     x21, =(TEST_VA + 0x20000)
        ldr     x2, [x21]                        // access flag fault, level 3
        ldr     x21, =(TEST_VA + 0x30000)
        ldr     x2, [x21]                        // translation fault, level 3
        ldr     x21, =0xA0000000
        ldr     x2, [x21]                        // translation fault, level 2
        ldr     x21, =(TEST_VA + 0x1238)
        at      s1e1r, x21
        isb
        mrs     x2, par_el1
        adr     x3, page
        sub     x2, x2, x3
        CHECK   "AT S1E1R, PAR - page", x2
        ldr     x21, =(TEST_VA + 0x30000)
        at      s1e1r, x21
        isb
        mrs     x2, par_el1
        CHECK   "AT S1E1R invalid, PAR", x2
        svc     #0xFFFF

        .include "lib.inc"

        .bss
        .balign 65536
l2:     .skip 65536
l3:     .skip 65536
page:   .skip 65536
