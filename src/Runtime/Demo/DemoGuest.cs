namespace A64Jit.Runtime.Demo;

/// <summary>
/// The built-in demo guest of `a64jit demo`: a small AArch64 program that needs no toolchain.
/// <see cref="Code"/> is <see cref="Source"/> assembled by GNU as (a test re-assembles the source
/// and compares), wrapped by <see cref="Elf"/> into a static executable.
/// </summary>
public static class DemoGuest
{
    public const string Source = """
        // a64jit demo guest: prints a greeting, the first 30 Fibonacci numbers, and a sum
        // of i*i mod 7 over 3,000,000 iterations (a loop to time), then exits 0.
            .text
            .globl _start
        _start:
            adr     x1, greeting
            mov     x2, #greeting_len
            bl      print
            mov     x19, #0             // fib(n-1)
            mov     x20, #1             // fib(n)
            mov     x21, #30
        1:  mov     x0, x19
            bl      print_u64
            add     x22, x19, x20
            mov     x19, x20
            mov     x20, x22
            subs    x21, x21, #1
            b.ne    1b
            adr     x1, sum_label
            mov     x2, #sum_label_len
            bl      print
            mov     x0, #0              // sum
            mov     x3, #0              // i
            movz    x4, #0x2d, lsl #16  // 3,000,000 = 0x2dc6c0
            movk    x4, #0xc6c0
            mov     x5, #7
        2:  mul     x6, x3, x3
            udiv    x7, x6, x5
            msub    x6, x7, x5, x6
            add     x0, x0, x6
            add     x3, x3, #1
            cmp     x3, x4
            b.lo    2b
            bl      print_u64
            mov     x0, #0
            mov     x8, #94             // exit_group
            svc     #0

        // print(x1 = buffer, x2 = length)
        print:
            mov     x0, #1
            mov     x8, #64             // write
            svc     #0
            ret

        // print_u64(x0): decimal and a newline; keeps x19-x22
        print_u64:
            sub     sp, sp, #48
            add     x1, sp, #40
            mov     w9, #10
            strb    w9, [x1]
            mov     x2, #1
            mov     x10, #10
        3:  udiv    x11, x0, x10
            msub    x12, x11, x10, x0
            add     w12, w12, #'0'
            sub     x1, x1, #1
            strb    w12, [x1]
            add     x2, x2, #1
            mov     x0, x11
            cbnz    x0, 3b
            mov     x0, #1
            mov     x8, #64
            svc     #0
            add     sp, sp, #48
            ret

        greeting:
            .ascii  "Hello from AArch64, translated by a64jit!\nFibonacci:\n"
            .equ    greeting_len, . - greeting
        sum_label:
            .ascii  "sum of i*i mod 7, i < 3000000:\n"
            .equ    sum_label_len, . - sum_label
            .balign 4
        """;

    /// <summary>The .text section of <see cref="Source"/>, as aarch64-linux-gnu-as emits it.</summary>
    public static readonly uint[] Code =
    [
        0x100006e1, 0xd28006a2, 0x9400001e, 0xd2800013, 0xd2800034, 0xd28003d5, 0xaa1303e0, 0x9400001d,
        0x8b140276, 0xaa1403f3, 0xaa1603f4, 0xf10006b5, 0x54ffff41, 0x300006e1, 0xd28003e2, 0x94000011,
        0xd2800000, 0xd2800003, 0xd2a005a4, 0xf298d804, 0xd28000e5, 0x9b037c66, 0x9ac508c7, 0x9b0598e6,
        0x8b060000, 0x91000463, 0xeb04007f, 0x54ffff43, 0x94000008, 0xd2800000, 0xd2800bc8, 0xd4000001,
        0xd2800020, 0xd2800808, 0xd4000001, 0xd65f03c0, 0xd100c3ff, 0x9100a3e1, 0x52800149, 0x39000029,
        0xd2800022, 0xd280014a, 0x9aca080b, 0x9b0a816c, 0x1100c18c, 0xd1000421, 0x3900002c, 0x91000442,
        0xaa0b03e0, 0xb5ffff20, 0xd2800020, 0xd2800808, 0xd4000001, 0x9100c3ff, 0xd65f03c0, 0x6c6c6548,
        0x7266206f, 0x41206d6f, 0x68637241, 0x202c3436, 0x6e617274, 0x74616c73, 0x62206465, 0x36612079,
        0x74696a34, 0x69460a21, 0x616e6f62, 0x3a696363, 0x6d75730a, 0x20666f20, 0x20692a69, 0x20646f6d,
        0x69202c37, 0x33203c20, 0x30303030, 0x0a3a3030
    ];

    public const ulong LoadAddress = 0x400000;

    /// <summary>A minimal static ELF64 executable: the header, one program header and the code, in one R+X segment.</summary>
    public static byte[] Elf()
    {
        const int headerSize = 64, phSize = 56, codeOffset = 0x80;
        var image = new byte[codeOffset + Code.Length * 4];
        var span = image.AsSpan();
        "\u007fELF"u8.CopyTo(span);
        span[4] = 2; // ELFCLASS64
        span[5] = 1; // little-endian
        span[6] = 1; // EV_CURRENT
        Put16(span, 16, 2); // ET_EXEC
        Put16(span, 18, 183); // EM_AARCH64
        Put32(span, 20, 1);
        Put64(span, 24, LoadAddress + codeOffset); // e_entry
        Put64(span, 32, headerSize); // e_phoff
        Put16(span, 52, headerSize);
        Put16(span, 54, phSize);
        Put16(span, 56, 1);
        // PT_LOAD, R+X, the whole file at LoadAddress.
        Put32(span, headerSize, 1);
        Put32(span, headerSize + 4, 5);
        Put64(span, headerSize + 16, LoadAddress);
        Put64(span, headerSize + 24, LoadAddress);
        Put64(span, headerSize + 32, (ulong)image.Length);
        Put64(span, headerSize + 40, (ulong)image.Length);
        Put64(span, headerSize + 48, 0x1000);
        for (int i = 0; i < Code.Length; i++)
            Put32(span, codeOffset + i * 4, Code[i]);
        return image;
    }

    static void Put16(Span<byte> s, int o, ushort v) => System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(s[o..], v);
    static void Put32(Span<byte> s, int o, uint v) => System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(s[o..], v);
    static void Put64(Span<byte> s, int o, ulong v) => System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(s[o..], v);
}
