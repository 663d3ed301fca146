// PSCI and the UART at EL2; E2H redirection (el2.md cases 1, 2, 5, 7, 37); HCR_EL2 traps of EL1 accesses
// with their EC 0x18 syndromes (cases 11-16), the SMC trap under TSC (19) and the WFI trap under TWI (18).
        .include "macros.inc"
        .equ HCR_RW, 1 << 31
        .equ HCR_E2H, 1 << 34
        .equ HCR_TGE, 1 << 27
        .section .text.start
        .global _start
_start:
        START

        // PSCI through SMC at EL2 (the firmware's conduit when EL2 exists).
        ldr     x0, =0x84000000
        smc     #0
        lsr     x0, x0, #16                      // the major version (QEMU 7.2 reports 1.1, ours 1.0)
        CHECK   "PSCI_VERSION major", x0
        ldr     x0, =0x8400000A
        ldr     x1, =0x84000008
        smc     #0
        CHECK   "PSCI_FEATURES(SYSTEM_OFF)", x0
        ldr     x0, =0x84000006
        smc     #0
        CHECK   "MIGRATE_INFO_TYPE", x0
        ldr     x0, =0x8400DEAD
        smc     #0
        CHECK   "unknown function", x0
        // The UART: flags after output (TXFE, RXFE), the PrimeCell identification registers.
        mov     x20, #UART
        ldr     w1, [x20, #0x18]
        mov     w2, #0x90
        and     w1, w1, w2
        CHECK   "UARTFR & (TXFE|RXFE)", x1
        mov     x21, #0xFE0
2:      ldr     w1, [x20, x21]
        CHECK   "UART id register", x1
        add     x21, x21, #4
        cmp     x21, #0x1000
        b.lo    2b

        // E2H = 0: the _EL1 names reach the EL1 registers (case 5, first half).
        ldr     x1, =HCR_RW
        msr     hcr_el2, x1
        isb
        mov     x1, #1
        msr     far_el1, x1
        mov     x1, #2
        msr     far_el2, x1
        mrs     x1, far_el1
        CHECK   "E2H=0: FAR_EL1", x1
        // E2H = 1, TGE = 1: redirection to the EL2 registers, the _EL12/_EL02 aliases reach EL1's (cases 1, 5, 7, 37).
        ldr     x1, =(HCR_RW | HCR_E2H | HCR_TGE)
        msr     hcr_el2, x1
        isb
        mrs     x1, CurrentEL
        CHECK   "E2H=1: CurrentEL", x1
        mrs     x1, far_el1
        CHECK   "E2H=1: FAR_EL1", x1
        mrs     x1, far_el12
        CHECK   "E2H=1: FAR_EL12", x1
        mov     x1, #7
        msr     tpidr_el1, x1
        mov     x1, #9
        msr     tpidr_el2, x1
        mrs     x1, tpidr_el1
        CHECK   "E2H=1: TPIDR_EL1 (not redirected)", x1
        mov     x1, #0x55
        msr     contextidr_el1, x1               // lands in CONTEXTIDR_EL2
        mrs     x1, contextidr_el2
        CHECK   "E2H=1: CONTEXTIDR_EL2 after writing CONTEXTIDR_EL1", x1
        mrs     x1, contextidr_el12
        CHECK   "E2H=1: CONTEXTIDR_EL12", x1
        mov     x1, #2                           // IMASK, disabled
        msr     cntv_ctl_el0, x1                 // lands in CNTHV_CTL_EL2
        mrs     x1, cnthv_ctl_el2
        CHECK   "E2H=1: CNTHV_CTL_EL2 after writing CNTV_CTL_EL0", x1
        mrs     x1, cntv_ctl_el02
        CHECK   "E2H=1: CNTV_CTL_EL02", x1

        // Traps of EL1 accesses to EL2 (the EL2 reporter prints ESR_EL2 and steps over each).
        mov     x1, #0xF
        msr     s3_4_c12_c9_5, x1                // ICC_SRE_EL2: SRE and Enable
        // HCR_EL2: RW TVM TRVM TID3 TID2 TSW TTLB TACR IMO TSC TWI
        TO_EL1  el1, (HCR_RW | (1 << 26) | (1 << 30) | (1 << 18) | (1 << 17) | (1 << 22) | (1 << 25) | (1 << 21) | (1 << 4) | (1 << 19) | (1 << 13))

el1:    mrs     x1, sctlr_el1                    // TRVM
        msr     sctlr_el1, x1                    // TVM
        msr     ttbr0_el1, x3                    // TVM
        mrs     x0, id_aa64mmfr1_el1             // TID3
        mrs     x0, ctr_el0                      // TID2
        dc      isw, x0                          // TSW
        tlbi    vmalle1is                        // TTLB
        tlbi    vmalle1                          // TTLB
        msr     actlr_el1, x7                    // TACR
        msr     s3_0_c12_c11_5, x5               // ICC_SGI1R_EL1 under IMO
        smc     #0                               // TSC: trapped, ELR = the SMC
        wfi                                      // TWI with nothing pending
        SAY     "EL1 done"
        hvc     #0xFFFF

        .include "lib.inc"
