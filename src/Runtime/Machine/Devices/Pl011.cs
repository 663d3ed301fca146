using System.Collections.Concurrent;

namespace A64Jit.Runtime.Machine.Devices;

/// <summary>
/// The PL011 UART (Arm DDI 0183) as the console: bytes written to UARTDR go out at once (the transmit FIFO is
/// always empty), received bytes wait in a queue. The interrupt line is the OR of the raw interrupts the
/// mask enables, as QEMU's pl011 drives it: receive while bytes wait, transmit after each byte written.
/// </summary>
public sealed class Pl011(Action<byte> output, Action<bool> interrupt) : IMmioDevice
{
    const int Dr = 0x000, Rsr = 0x004, Fr = 0x018, Ilpr = 0x020, Ibrd = 0x024, Fbrd = 0x028, LcrH = 0x02C, Cr = 0x030,
        Ifls = 0x034, Imsc = 0x038, Ris = 0x03C, Mis = 0x040, Icr = 0x044, Dmacr = 0x048;
    const uint RxInt = 1u << 4, TxInt = 1u << 5, RxTimeoutInt = 1u << 6;
    const uint FrRxfe = 1u << 4, FrTxfe = 1u << 7;

    // PrimeCell identification: UARTPeriphID0..3 and UARTPCellID0..3 at 0xFE0..0xFFC.
    static readonly byte[] Ids = [0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1];

    readonly ConcurrentQueue<byte> input = new();
    readonly Lock gate = new();
    uint ibrd, fbrd, lcrh, cr = 0x300, ifls = 0x12, imsc, ris, ilpr, dmacr;
    bool line;

    public ulong Read(ulong offset, int size)
    {
        lock (gate)
        {
            if (offset >= 0xFE0 && offset < 0x1000)
                return Ids[(offset - 0xFE0) / 4];
            switch ((int)offset)
            {
                case Dr:
                    uint value = input.TryDequeue(out byte b) ? b : 0u;
                    if (input.IsEmpty)
                        ris &= ~(RxInt | RxTimeoutInt);
                    Update();
                    return value;
                case Rsr: return 0;
                case Fr: return FrTxfe | (input.IsEmpty ? FrRxfe : 0);
                case Ilpr: return ilpr;
                case Ibrd: return ibrd;
                case Fbrd: return fbrd;
                case LcrH: return lcrh;
                case Cr: return cr;
                case Ifls: return ifls;
                case Imsc: return imsc;
                case Ris: return ris;
                case Mis: return ris & imsc;
                case Dmacr: return dmacr;
                default: return 0;
            }
        }
    }

    public void Write(ulong offset, int size, ulong value)
    {
        uint v = (uint)value;
        lock (gate)
        {
            switch ((int)offset)
            {
                case Dr:
                    output((byte)v);
                    ris |= TxInt;
                    break;
                case Rsr: break; // writing clears the (always clear) receive errors
                case Ilpr: ilpr = v & 0xFF; break;
                case Ibrd: ibrd = v & 0xFFFF; break;
                case Fbrd: fbrd = v & 0x3F; break;
                case LcrH: lcrh = v & 0xFF; break;
                case Cr: cr = v & 0xFF87; break;
                case Ifls: ifls = v & 0x3F; break;
                case Imsc: imsc = v & 0x7FF; break;
                case Icr: ris &= ~v; break;
                case Dmacr: dmacr = v & 7; break;
            }
            Update();
        }
    }

    /// <summary>A byte typed at the console.</summary>
    public void EnqueueInput(byte b)
    {
        lock (gate)
        {
            input.Enqueue(b);
            ris |= RxInt | RxTimeoutInt;
            Update();
        }
    }

    void Update()
    {
        bool level = (ris & imsc) != 0;
        if (level != line)
        {
            line = level;
            interrupt(level);
        }
    }
}
