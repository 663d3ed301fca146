using System.Numerics;
using System.Runtime.Intrinsics;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace A64Jit.IR.Semantics;

/// <summary>
/// AES, SHA-1, SHA-256, SHA-512 and SHA-3 helper semantics, after the Arm ARM pseudocode. The AES steps use
/// the host's AES instructions where it has them (the byte order of the state is the same on both), with
/// the table-driven pseudocode as the fallback.
/// </summary>
public static class CryptoOps
{
    static readonly byte[] sbox = BuildSBox(), invSbox = Invert(sbox);

    public static UInt128 Unary(SimdAux aux, UInt128 x) => (CryptoOp)aux.Op switch
    {
        // MixColumns: AESDECLAST undoes ShiftRows and SubBytes, which AESENC then redoes before its MixColumns.
        CryptoOp.AesMC when X86Aes.IsSupported => FromVector(X86Aes.Encrypt(X86Aes.DecryptLast(ToVector(x), default), default)),
        CryptoOp.AesIMC when X86Aes.IsSupported => FromVector(X86Aes.InverseMixColumns(ToVector(x))),
        CryptoOp.AesMC => MixColumns(x, inverse: false),
        CryptoOp.AesIMC => MixColumns(x, inverse: true),
        CryptoOp.Sha1H => BitOperations.RotateLeft((uint)x, 30),
        _ => throw new InvalidOperationException($"CryptoUnary cannot do {(CryptoOp)aux.Op}"),
    };

    public static UInt128 Binary(SimdAux aux, UInt128 d, UInt128 n)
    {
        switch ((CryptoOp)aux.Op)
        {
            // AESE/AESD: AddRoundKey, then (Inv)ShiftRows and (Inv)SubBytes, which is AESENCLAST/AESDECLAST with a zero key.
            case CryptoOp.AesE when X86Aes.IsSupported: return FromVector(X86Aes.EncryptLast(ToVector(d ^ n), default));
            case CryptoOp.AesD when X86Aes.IsSupported: return FromVector(X86Aes.DecryptLast(ToVector(d ^ n), default));
            case CryptoOp.AesE: return SubBytes(ShiftRows(d ^ n, inverse: false), sbox);
            case CryptoOp.AesD: return SubBytes(ShiftRows(d ^ n, inverse: true), invSbox);
            case CryptoOp.Sha1Su1:
            {
                var t = d ^ (n >> 32);
                uint w0 = BitOperations.RotateLeft(W(t, 0), 1), w1 = BitOperations.RotateLeft(W(t, 1), 1);
                uint w2 = BitOperations.RotateLeft(W(t, 2), 1);
                uint w3 = BitOperations.RotateLeft(W(t, 3), 1) ^ BitOperations.RotateLeft(W(t, 0), 2);
                return Words(w0, w1, w2, w3);
            }
            case CryptoOp.Sha256Su0:
            {
                var t = (n << 96) | (d >> 32);
                var r = new uint[4];
                for (int e = 0; e < 4; e++)
                {
                    uint elt = W(t, e);
                    elt = BitOperations.RotateRight(elt, 7) ^ BitOperations.RotateRight(elt, 18) ^ (elt >> 3);
                    r[e] = elt + W(d, e);
                }
                return Words(r[0], r[1], r[2], r[3]);
            }
            case CryptoOp.Sha512Su0:
            {
                ulong d0 = (ulong)d, d1 = (ulong)(d >> 64);
                return new UInt128(d1 + Sigma0Small512((ulong)n), d0 + Sigma0Small512(d1));
            }
            case CryptoOp.Rax1:
            {
                ulong lo = (ulong)d ^ BitOperations.RotateLeft((ulong)n, 1);
                ulong hi = (ulong)(d >> 64) ^ BitOperations.RotateLeft((ulong)(n >> 64), 1);
                return new UInt128(hi, lo);
            }
            case CryptoOp.Xar:
            {
                var t = d ^ n;
                return new UInt128(BitOperations.RotateRight((ulong)(t >> 64), aux.Imm), BitOperations.RotateRight((ulong)t, aux.Imm));
            }
        }
        throw new InvalidOperationException($"CryptoBinary cannot do {(CryptoOp)aux.Op}");
    }

    /// <summary>Three-operand forms: (Vd, Vn, Vm), or (Vn, Vm, Va) for EOR3 and BCAX.</summary>
    public static UInt128 Ternary(SimdAux aux, UInt128 d, UInt128 n, UInt128 m)
    {
        switch ((CryptoOp)aux.Op)
        {
            case CryptoOp.Sha1C:
            case CryptoOp.Sha1P:
            case CryptoOp.Sha1M:
            {
                var x = d;
                uint y = (uint)n;
                for (int e = 0; e < 4; e++)
                {
                    uint b = W(x, 1), c = W(x, 2), dd = W(x, 3);
                    uint t = (CryptoOp)aux.Op switch
                    {
                        CryptoOp.Sha1C => (b & c) | (~b & dd),
                        CryptoOp.Sha1P => b ^ c ^ dd,
                        _ => (b & c) | (b & dd) | (c & dd),
                    };
                    y = y + BitOperations.RotateLeft(W(x, 0), 5) + t + W(m, e);
                    x = WithW(x, 1, BitOperations.RotateLeft(b, 30));
                    // <Y, X> = ROL(Y : X, 32)
                    uint top = W(x, 3);
                    x = (x << 32) | y;
                    y = top;
                }
                return x;
            }
            case CryptoOp.Sha1Su0:
            {
                var r = ((UInt128)(ulong)n << 64) | (d >> 64);
                return r ^ d ^ m;
            }
            case CryptoOp.Sha256H: return Sha256Hash(d, n, m, part1: true);
            case CryptoOp.Sha256H2: return Sha256Hash(n, d, m, part1: false);
            case CryptoOp.Sha256Su1:
            {
                var t0 = (m << 96) | (n >> 32);
                var r = new uint[4];
                for (int e = 0; e < 4; e++)
                {
                    uint elt = e < 2 ? W(m, 2 + e) : r[e - 2];
                    elt = BitOperations.RotateRight(elt, 17) ^ BitOperations.RotateRight(elt, 19) ^ (elt >> 10);
                    r[e] = elt + W(d, e) + W(t0, e);
                }
                return Words(r[0], r[1], r[2], r[3]);
            }
            case CryptoOp.Sha512H:
            {
                ulong d0 = (ulong)d, d1 = (ulong)(d >> 64), n0 = (ulong)n, n1 = (ulong)(n >> 64), m0 = (ulong)m, m1 = (ulong)(m >> 64);
                d1 += Sigma1Big512(m1) + Choose(m1, n0, n1);
                d0 += Sigma1Big512(d1 + m0) + Choose(d1 + m0, m1, n0);
                return new UInt128(d1, d0);
            }
            case CryptoOp.Sha512H2:
            {
                ulong d0 = (ulong)d, d1 = (ulong)(d >> 64), n0 = (ulong)n, m0 = (ulong)m, m1 = (ulong)(m >> 64);
                d1 += Sigma0Big512(m0) + Majority(n0, m1, m0);
                d0 += Sigma0Big512(d1) + Majority(d1, m0, m1);
                return new UInt128(d1, d0);
            }
            case CryptoOp.Sha512Su1:
            {
                ulong lo = (ulong)d + Sigma1Small512((ulong)n) + (ulong)m;
                ulong hi = (ulong)(d >> 64) + Sigma1Small512((ulong)(n >> 64)) + (ulong)(m >> 64);
                return new UInt128(hi, lo);
            }
            case CryptoOp.Eor3: return d ^ n ^ m;
            case CryptoOp.Bcax: return d ^ (n & ~m);
        }
        throw new InvalidOperationException($"CryptoTernary cannot do {(CryptoOp)aux.Op}");
    }

    static ulong Choose(ulong x, ulong y, ulong z) => (x & y) ^ (~x & z);
    static ulong Majority(ulong x, ulong y, ulong z) => (x & y) ^ (x & z) ^ (y & z);
    static ulong Sigma0Big512(ulong x) => BitOperations.RotateRight(x, 28) ^ BitOperations.RotateRight(x, 34) ^ BitOperations.RotateRight(x, 39);
    static ulong Sigma1Big512(ulong x) => BitOperations.RotateRight(x, 14) ^ BitOperations.RotateRight(x, 18) ^ BitOperations.RotateRight(x, 41);
    static ulong Sigma0Small512(ulong x) => BitOperations.RotateRight(x, 1) ^ BitOperations.RotateRight(x, 8) ^ (x >> 7);
    static ulong Sigma1Small512(ulong x) => BitOperations.RotateRight(x, 19) ^ BitOperations.RotateRight(x, 61) ^ (x >> 6);

    /// <summary>SHA256hash() from the pseudocode.</summary>
    static UInt128 Sha256Hash(UInt128 x, UInt128 y, UInt128 w, bool part1)
    {
        for (int e = 0; e < 4; e++)
        {
            uint y0 = W(y, 0), y1 = W(y, 1), y2 = W(y, 2), x0 = W(x, 0), x1 = W(x, 1), x2 = W(x, 2);
            uint chs = (y0 & y1) | (~y0 & y2);
            uint maj = (x0 & x1) | (x0 & x2) | (x1 & x2);
            uint sigma1 = BitOperations.RotateRight(y0, 6) ^ BitOperations.RotateRight(y0, 11) ^ BitOperations.RotateRight(y0, 25);
            uint sigma0 = BitOperations.RotateRight(x0, 2) ^ BitOperations.RotateRight(x0, 13) ^ BitOperations.RotateRight(x0, 22);
            uint t = W(y, 3) + sigma1 + chs + W(w, e);
            x = WithW(x, 3, t + W(x, 3));
            y = WithW(y, 3, t + sigma0 + maj);
            // <Y, X> = ROL(Y : X, 32)
            uint xTop = W(x, 3), yTop = W(y, 3);
            x = (x << 32) | yTop;
            y = (y << 32) | xTop;
        }
        return part1 ? x : y;
    }

    static uint W(UInt128 v, int i) => (uint)(v >> (32 * i));
    static UInt128 WithW(UInt128 v, int i, uint w) => (v & ~((UInt128)uint.MaxValue << (32 * i))) | ((UInt128)w << (32 * i));
    static UInt128 Words(uint w0, uint w1, uint w2, uint w3) =>
        new(((ulong)w3 << 32) | w2, ((ulong)w1 << 32) | w0);

    static byte B(UInt128 v, int i) => (byte)(v >> (8 * i));

    static UInt128 FromBytes(byte[] b)
    {
        UInt128 r = 0;
        for (int i = 15; i >= 0; i--)
            r = (r << 8) | b[i];
        return r;
    }

    /// <summary>AESShiftRows / AESInvShiftRows: byte r + 4c of the column-major state.</summary>
    static UInt128 ShiftRows(UInt128 s, bool inverse)
    {
        var r = new byte[16];
        for (int c = 0; c < 4; c++)
            for (int row = 0; row < 4; row++)
            {
                if (inverse)
                    r[row + 4 * ((c + row) % 4)] = B(s, row + 4 * c);
                else
                    r[row + 4 * c] = B(s, row + 4 * ((c + row) % 4));
            }
        return FromBytes(r);
    }

    static UInt128 SubBytes(UInt128 s, byte[] box)
    {
        var r = new byte[16];
        for (int i = 0; i < 16; i++)
            r[i] = box[B(s, i)];
        return FromBytes(r);
    }

    static byte XTime(byte b) => (byte)((b << 1) ^ ((b & 0x80) != 0 ? 0x1B : 0));

    static byte GfMul(byte a, byte b)
    {
        byte r = 0;
        while (b != 0)
        {
            if ((b & 1) != 0) r ^= a;
            a = XTime(a);
            b >>= 1;
        }
        return r;
    }

    static UInt128 MixColumns(UInt128 s, bool inverse)
    {
        byte[] k = inverse ? [14, 11, 13, 9] : [2, 3, 1, 1];
        var r = new byte[16];
        for (int c = 0; c < 4; c++)
            for (int row = 0; row < 4; row++)
            {
                byte v = 0;
                for (int j = 0; j < 4; j++)
                    v ^= GfMul(B(s, 4 * c + (row + j) % 4), k[j]);
                r[4 * c + row] = v;
            }
        return FromBytes(r);
    }

    static byte[] BuildSBox()
    {
        var box = new byte[256];
        for (int i = 0; i < 256; i++)
        {
            // Multiplicative inverse in GF(2^8), then the affine transform.
            byte inv = 0;
            if (i != 0)
                for (int j = 1; j < 256; j++)
                    if (GfMul((byte)i, (byte)j) == 1) { inv = (byte)j; break; }
            int x = inv;
            int s = x ^ Rotl8(x, 1) ^ Rotl8(x, 2) ^ Rotl8(x, 3) ^ Rotl8(x, 4) ^ 0x63;
            box[i] = (byte)s;
        }
        return box;
    }

    static int Rotl8(int x, int n) => ((x << n) | (x >> (8 - n))) & 0xFF;

    static byte[] Invert(byte[] box)
    {
        var inv = new byte[256];
        for (int i = 0; i < 256; i++)
            inv[box[i]] = (byte)i;
        return inv;
    }

    static Vector128<byte> ToVector(UInt128 x) => Vector128.Create((ulong)x, (ulong)(x >> 64)).AsByte();

    static UInt128 FromVector(Vector128<byte> v) => new(v.AsUInt64().GetElement(1), v.AsUInt64().GetElement(0));
}
