namespace A64Jit.Runtime.Linux;

/// <summary>
/// A set of pending signals with their siginfo: one bit per signal, read without a lock on the
/// hot path; standard signals keep one siginfo (they coalesce), real-time signals a queue.
/// </summary>
public sealed class PendingSignals
{
    long bits;
    readonly Lock gate = new();
    readonly SignalInfo[] single = new SignalInfo[Signals.NSIG + 1];
    readonly Queue<SignalInfo>?[] queued = new Queue<SignalInfo>?[Signals.NSIG + 1];

    /// <summary>Pending signals, bit sig-1.</summary>
    public ulong Bits => (ulong)Volatile.Read(ref bits);

    public void Add(SignalInfo info)
    {
        int sig = info.Signo;
        lock (gate)
        {
            if (Signals.Queues(sig))
                (queued[sig] ??= new()).Enqueue(info);
            else
                single[sig] = info;
            Interlocked.Or(ref bits, (long)Signals.Bit(sig));
        }
    }

    /// <summary>Takes the lowest pending signal in <paramref name="allowed"/>, or null.</summary>
    public SignalInfo? Take(ulong allowed)
    {
        lock (gate)
        {
            ulong ready = Bits & allowed;
            if (ready == 0)
                return null;
            int sig = System.Numerics.BitOperations.TrailingZeroCount(ready) + 1;
            SignalInfo info;
            if (queued[sig] is { Count: > 0 } q)
            {
                info = q.Dequeue();
                if (q.Count > 0)
                    return info;
            }
            else
            {
                info = single[sig];
            }
            Interlocked.And(ref bits, ~(long)Signals.Bit(sig));
            return info;
        }
    }

    /// <summary>Forgets every pending instance of <paramref name="sig"/>.</summary>
    public void Discard(int sig)
    {
        lock (gate)
        {
            queued[sig]?.Clear();
            Interlocked.And(ref bits, ~(long)Signals.Bit(sig));
        }
    }
}
