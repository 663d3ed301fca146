// psci_uart: the firmware interface and the UART registers a driver reads (el2.md §4.6, §4.7).
//   PSCI over SMC #0 at EL2: PSCI_VERSION (major only: the minor is the firmware's choice),
//   PSCI_FEATURES of PSCI_VERSION, CPU_ON (SMC64), SYSTEM_OFF, SYSTEM_RESET, MIGRATE_INFO_TYPE,
//   PSCI_FEATURES and of MIGRATE and an unallocated ID, MIGRATE_INFO_TYPE (2: no trusted OS),
//   AFFINITY_INFO of CPU 0 (0: on), CPU_ON of CPU 0 (-4: already on), an unknown function ID and
//   PSCI_VERSION's SMC64 form (-1: not supported), SMCCC_VERSION; then the same PSCI_VERSION from EL1
//   (HCR_EL2.TSC=0, so the SMC reaches the firmware). QEMU 7.2 answers SMCCC_VERSION with -1
//   (NOT_SUPPORTED, which SMCCC reads as version 1.0).
//   PL011: UARTFR's TXFF/RXFF/TXFE/RXFE after output (no input), UARTCR's reset value, UARTIMSC
//   written and read back, UARTPeriphID0-3 and UARTCellID0-3.
// The return values are those of QEMU's firmware for virt (PSCI 1.x without MIGRATE); they are the
// emulator's firmware choices rather than architecture, kept equal to QEMU's on purpose.
#include "lib.inc"

// SMCCALL "name", fid, a1, a2: SMC #0 with x0 = fid, x1 = a1, x2 = a2; prints x0
.macro SMCCALL name, fid, a1=0, a2=0
        MOV64   x0, \fid
        MOV64   x1, \a1
        MOV64   x2, \a2
        mov     x3, #0
        smc     #0
        CHECK   "\name", x0
.endm

        .text
        .global main
main:
        stp     x29, x30, [sp, #-16]!
        MOV64   x0, 0x84000000
        smc     #0
        lsr     x2, x0, #16
        CHECK   "psci_version major", x2
        SMCCALL "psci_features(psci_version)", 0x8400000A, 0x84000000
        SMCCALL "psci_features(cpu_on smc64)", 0x8400000A, 0xC4000003
        SMCCALL "psci_features(cpu_off)", 0x8400000A, 0x84000002
        SMCCALL "psci_features(affinity_info smc64)", 0x8400000A, 0xC4000004
        SMCCALL "psci_features(system_off)", 0x8400000A, 0x84000008
        SMCCALL "psci_features(system_reset)", 0x8400000A, 0x84000009
        SMCCALL "psci_features(migrate_info_type)", 0x8400000A, 0x84000006
        SMCCALL "psci_features(psci_features)", 0x8400000A, 0x8400000A
        SMCCALL "psci_features(migrate)", 0x8400000A, 0x84000005
        SMCCALL "psci_features(0x8400001f)", 0x8400000A, 0x8400001F
        SMCCALL "migrate_info_type", 0x84000006
        SMCCALL "affinity_info(cpu 0, level 0)", 0xC4000004, 0, 0
        SMCCALL "cpu_on(cpu 0)", 0xC4000003, 0, 0x40000000
        SMCCALL "unknown function 0x8400001f", 0x8400001F
        SMCCALL "psci_version smc64 form", 0xC4000000
        SMCCALL "smccc_version", 0x80000000

        // from EL1: an SMC with HCR_EL2.TSC=0 is a firmware call too
        ADRL    x1, rec_vectors_el2
        msr     vbar_el2, x1
        EXC_CLEAR
        TO_EL1  el1
el1:    MOV64   x0, 0x84000000
        smc     #0
        lsr     x2, x0, #16
        CHECK   "el1 psci_version major", x2
        EXC_LOAD x2, EXC_COUNT
        CHECK   "el1 exceptions taken by the smc", x2

        // PL011 (UARTFR.BUSY is left out: whether the last character is still being sent is timing)
        MOV64   x1, UART_BASE
        ldr     w2, [x1, #0x18]
        and     w2, w2, #0xf0
        CHECK   "uartfr txfe|rxff|txff|rxfe", x2
        ldr     w2, [x1, #0x30]
        CHECK   "uartcr", x2
        mov     w2, #0x10
        str     w2, [x1, #0x38]
        ldr     w2, [x1, #0x38]
        CHECK   "uartimsc after writing 0x10", x2
        str     wzr, [x1, #0x38]
        ldr     w2, [x1, #0xfe0]
        CHECK   "uartperiphid0", x2
        ldr     w2, [x1, #0xfe4]
        CHECK   "uartperiphid1", x2
        ldr     w2, [x1, #0xfe8]
        CHECK   "uartperiphid2", x2
        ldr     w2, [x1, #0xfec]
        CHECK   "uartperiphid3", x2
        ldr     w2, [x1, #0xff0]
        CHECK   "uartpcellid0", x2
        ldr     w2, [x1, #0xff4]
        CHECK   "uartpcellid1", x2
        ldr     w2, [x1, #0xff8]
        CHECK   "uartpcellid2", x2
        ldr     w2, [x1, #0xffc]
        CHECK   "uartpcellid3", x2
        SAY     "done"
        b       poweroff
