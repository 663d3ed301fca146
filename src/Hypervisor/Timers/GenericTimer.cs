using System.Diagnostics;
using A64Jit.Hypervisor.Cpu;
using A64Jit.IR;

namespace A64Jit.Hypervisor.Timers;

/// <summary>The system counter: CNTPCT, counting at <see cref="GenericTimer.Frequency"/>.</summary>
public interface ICounter
{
    ulong Ticks { get; }
}

/// <summary>The host's monotonic clock scaled to 62.5 MHz, from zero at creation.</summary>
public sealed class HostCounter : ICounter
{
    readonly long start = Stopwatch.GetTimestamp();

    public ulong Ticks => (ulong)((Stopwatch.GetTimestamp() - start) * (double)GenericTimer.Frequency / Stopwatch.Frequency);

    /// <summary>How long until the counter reaches <paramref name="ticks"/>.</summary>
    public TimeSpan Until(ulong ticks)
    {
        ulong now = Ticks;
        return ticks <= now ? TimeSpan.Zero : TimeSpan.FromSeconds((ticks - now) / (double)GenericTimer.Frequency);
    }
}

/// <summary>
/// One CPU's generic timer (el2.md 8.1): the EL1 physical (PPI 30) and virtual (27) timers and the EL2
/// physical (26) and virtual (28) ones, each with CTL (ENABLE, IMASK, ISTATUS), CVAL and TVAL, plus
/// CNTFRQ, the counters and CNTVOFF/CNTHCTL. It owns those system registers once E2H redirection has
/// picked the architectural one. Each timer's output drives its PPI through <see cref="Output"/>.
/// </summary>
public sealed class GenericTimer(ICounter counter, Func<bool> virtualOffsetIgnored) : ISysRegDevice
{
    public const ulong Frequency = 62_500_000;

    sealed class Timer(int intid, bool virtualCount)
    {
        public readonly int Intid = intid;
        public readonly bool VirtualCount = virtualCount;
        public ulong Control, Compare;
        public bool Output;
    }

    readonly Timer physical = new(30, false), virt = new(27, true), hypPhysical = new(26, false), hypVirtual = new(28, false);
    readonly Lock gate = new();
    ulong offset, hypControl = 3, frequency = Frequency;

    /// <summary>Called with (INTID, level) when a timer's output changes.</summary>
    public Action<int, bool>? Output { get; set; }

    static uint E(uint op1, uint crm, uint op2) => SysRegEncoding.Pack(3, op1, 14, crm, op2);

    ulong Physical => counter.Ticks;
    ulong VirtualAt(Timer t) => t.VirtualCount ? Physical - offset : Physical;

    (Timer Timer, uint Register)? Decode(uint encoding)
    {
        var (op0, op1, crn, crm, op2) = SysRegEncoding.Unpack(encoding);
        if (op0 != 3 || crn != 14 || op2 > 2)
            return null;
        return (op1, crm) switch
        {
            (3, 2) => (physical, op2),
            (3, 3) => (virt, op2),
            (4, 2) => (hypPhysical, op2),
            (4, 3) => (hypVirtual, op2),
            _ => null,
        };
    }

    public bool TryRead(uint encoding, out ulong value)
    {
        lock (gate)
        {
            if (encoding == E(3, 0, 0)) value = frequency;
            else if (encoding == E(3, 0, 1)) value = Physical;
            else if (encoding == E(3, 0, 2)) value = virtualOffsetIgnored() ? Physical : Physical - offset;
            else if (encoding == E(4, 0, 3)) value = offset;
            else if (encoding == E(4, 1, 0)) value = hypControl;
            else if (Decode(encoding) is var (t, reg))
            {
                ulong now = VirtualAt(t);
                value = reg switch
                {
                    0 => (uint)(t.Compare - now),                                          // TVAL: CVAL - count as a signed 32-bit value; bits 63..32 RES0
                    1 => (t.Control & 3) | ((t.Control & 1) != 0 && Condition(t, now) ? 4UL : 0), // CTL; ISTATUS only while enabled
                    _ => t.Compare,
                };
            }
            else
            {
                value = 0;
                return false;
            }
            return true;
        }
    }

    public bool TryWrite(uint encoding, ulong value)
    {
        lock (gate)
        {
            if (encoding == E(3, 0, 0)) frequency = value & 0xFFFF_FFFF;
            else if (encoding == E(4, 0, 3)) offset = value;
            else if (encoding == E(4, 1, 0)) hypControl = value;
            else if (Decode(encoding) is var (t, reg))
            {
                switch (reg)
                {
                    case 0: t.Compare = VirtualAt(t) + (ulong)(long)(int)(uint)value; break;
                    case 1: t.Control = value & 3; break;
                    default: t.Compare = value; break;
                }
            }
            else if (encoding == E(3, 0, 1) || encoding == E(3, 0, 2))
                return true; // the counters are read-only
            else
                return false;
        }
        Update();
        return true;
    }

    static bool Condition(Timer t, ulong now) => now >= t.Compare;

    /// <summary>Recomputes every timer's output and reports the ones that changed.</summary>
    public void Update()
    {
        List<(int, bool)>? changes = null;
        lock (gate)
        {
            foreach (var t in new[] { physical, virt, hypPhysical, hypVirtual })
            {
                bool level = (t.Control & 3) == 1 && Condition(t, VirtualAt(t));
                if (level != t.Output)
                {
                    t.Output = level;
                    (changes ??= []).Add((t.Intid, level));
                }
            }
        }
        if (changes is not null)
            foreach (var (intid, level) in changes)
                Output?.Invoke(intid, level);
    }

    /// <summary>The counter value at which the next enabled, unmasked timer fires; null when none is waiting.</summary>
    public ulong? NextDeadline()
    {
        lock (gate)
        {
            ulong? next = null;
            foreach (var t in new[] { physical, virt, hypPhysical, hypVirtual })
            {
                if ((t.Control & 3) != 1 || t.Output)
                    continue;
                ulong at = t.VirtualCount ? t.Compare + offset : t.Compare;
                next = next is { } n ? Math.Min(n, at) : at;
            }
            return next;
        }
    }
}
