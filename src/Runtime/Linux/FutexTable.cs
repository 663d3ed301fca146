using A64Jit.Runtime.Memory;

namespace A64Jit.Runtime.Linux;

/// <summary>
/// The process's futex wait queues, hashed by guest address into buckets with one lock each
/// (kernel/futex's futex_hash_bucket). A waiter compares the guest word and enqueues itself under
/// its bucket's lock, and a waker dequeues under the same lock, so a wake that follows the store
/// of a new value can never be missed.
/// </summary>
public sealed class FutexTable
{
    public const uint BitsetMatchAny = uint.MaxValue;

    sealed class Waiter(LinuxThread thread, ulong address, uint bitset)
    {
        public readonly LinuxThread Thread = thread;
        public readonly uint Bitset = bitset;
        /// <summary>Changed by requeue, under both buckets' locks.</summary>
        public ulong Address = address;
        public volatile bool Woken;
    }

    const int BucketBits = 8;
    readonly List<Waiter>[] buckets = Enumerable.Range(0, 1 << BucketBits).Select(_ => new List<Waiter>()).ToArray();

    List<Waiter> BucketOf(ulong address) => buckets[(int)(((address >> 2) * 0x9E37_79B9_7F4A_7C15UL) >> (64 - BucketBits))];

    /// <summary>The futex word, read atomically; faults (EFAULT) when it is not readable, EINVAL when misaligned.</summary>
    static unsafe uint Load(GuestMemory memory, ulong address) => Volatile.Read(ref *(uint*)memory.Aligned(address, 4, write: false));

    /// <summary>
    /// FUTEX_WAIT(_BITSET): sleeps while the word at <paramref name="address"/> equals <paramref name="expected"/>.
    /// 0 when woken, -EAGAIN when the value differs, -ETIMEDOUT, or -EINTR / -ERESTARTSYS on a signal.
    /// </summary>
    public long Wait(LinuxThread thread, ulong address, uint expected, uint bitset, long deadline)
    {
        if ((address & 3) != 0 || bitset == 0)
            return -Errno.EINVAL;
        var w = new Waiter(thread, address, bitset);
        var bucket = BucketOf(address);
        lock (bucket)
        {
            if (Load(thread.Process.Memory, address) != expected)
                return -Errno.EAGAIN;
            bucket.Add(w);
        }
        var outcome = thread.WaitUntil(() => w.Woken, deadline);
        while (true)
        {
            ulong at = w.Address;
            var b = BucketOf(at);
            lock (b)
            {
                if (w.Address != at)
                    continue; // requeued meanwhile: look in the new bucket
                if (w.Woken)
                    return 0;
                b.Remove(w);
            }
            break;
        }
        return outcome switch
        {
            WaitOutcome.TimedOut => -Errno.ETIMEDOUT,
            // Without a timeout the kernel restarts the wait after a handler with SA_RESTART.
            WaitOutcome.Interrupted when deadline == long.MaxValue => -Errno.ERESTARTSYS,
            _ => -Errno.EINTR,
        };
    }

    /// <summary>FUTEX_WAKE(_BITSET): wakes up to <paramref name="count"/> waiters; returns how many.</summary>
    public int Wake(GuestMemory memory, ulong address, int count, uint bitset)
    {
        var bucket = BucketOf(address);
        List<Waiter> woken;
        lock (bucket)
            woken = TakeLocked(bucket, address, count, bitset);
        foreach (var w in woken)
            w.Thread.Wake();
        return woken.Count;
    }

    static List<Waiter> TakeLocked(List<Waiter> bucket, ulong address, int count, uint bitset)
    {
        var taken = new List<Waiter>();
        for (int i = 0; i < bucket.Count && taken.Count < count; i++)
        {
            var w = bucket[i];
            if (w.Address != address || (w.Bitset & bitset) == 0)
                continue;
            bucket.RemoveAt(i--);
            w.Woken = true;
            taken.Add(w);
        }
        return taken;
    }

    /// <summary>Locks one or two buckets in a fixed order.</summary>
    (List<Waiter> A, List<Waiter> B) Pair(ulong a, ulong b)
    {
        var x = BucketOf(a);
        var y = BucketOf(b);
        return (x, y);
    }

    static void LockBoth(List<Waiter> x, List<Waiter> y, Action body)
    {
        if (ReferenceEquals(x, y))
        {
            lock (x)
                body();
            return;
        }
        // Order by identity hash (stable per object) so two requeuers never deadlock.
        var (first, second) = System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(x) < System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(y) ? (x, y) : (y, x);
        lock (first)
            lock (second)
                body();
    }

    /// <summary>
    /// FUTEX_(CMP_)REQUEUE: wakes up to <paramref name="wakeCount"/> waiters on <paramref name="from"/> and
    /// moves up to <paramref name="requeueCount"/> of the rest to <paramref name="to"/>. With a compare
    /// value, -EAGAIN when the word at <paramref name="from"/> differs. Returns woken + requeued.
    /// </summary>
    public long Requeue(GuestMemory memory, ulong from, ulong to, int wakeCount, int requeueCount, uint? compare)
    {
        if ((from & 3) != 0 || (to & 3) != 0)
            return -Errno.EINVAL;
        var (x, y) = Pair(from, to);
        long result = 0;
        List<Waiter> woken = [];
        LockBoth(x, y, () =>
        {
            if (compare is uint c && Load(memory, from) != c)
            {
                result = -Errno.EAGAIN;
                return;
            }
            woken = TakeLocked(x, from, wakeCount, BitsetMatchAny);
            int moved = 0;
            for (int i = 0; i < x.Count && moved < requeueCount; i++)
            {
                var w = x[i];
                if (w.Address != from)
                    continue;
                w.Address = to;
                if (!ReferenceEquals(x, y))
                {
                    x.RemoveAt(i--);
                    y.Add(w);
                }
                moved++;
            }
            result = woken.Count + moved;
        });
        foreach (var w in woken)
            w.Thread.Wake();
        return result;
    }

    /// <summary>
    /// FUTEX_WAKE_OP: atomically applies the operation encoded in <paramref name="op"/> to the word at
    /// <paramref name="address2"/>, wakes <paramref name="count1"/> waiters on <paramref name="address1"/>,
    /// and <paramref name="count2"/> on <paramref name="address2"/> when the old value passes the encoded comparison.
    /// </summary>
    public long WakeOp(Cpu.GuestContext ctx, ulong address1, ulong address2, int count1, int count2, uint op)
    {
        if ((address1 & 3) != 0 || (address2 & 3) != 0)
            return -Errno.EINVAL;
        int kind = (int)(op >> 28) & 7, cmp = (int)(op >> 24) & 15;
        uint oparg = (op >> 12) & 0xFFF, cmparg = op & 0xFFF;
        if ((op & 0x8000_0000) != 0)
            oparg = oparg < 32 ? 1u << (int)oparg : 0; // FUTEX_OP_OPARG_SHIFT
        if (kind > 4 || cmp > 5)
            return -Errno.ENOSYS;
        var (x, y) = Pair(address1, address2);
        List<Waiter> woken = [];
        LockBoth(x, y, () =>
        {
            uint old;
            while (true)
            {
                old = Load(ctx.Memory, address2);
                uint next = kind switch
                {
                    0 => oparg,        // FUTEX_OP_SET
                    1 => old + oparg,  // FUTEX_OP_ADD
                    2 => old | oparg,  // FUTEX_OP_OR
                    3 => old & ~oparg, // FUTEX_OP_ANDN
                    _ => old ^ oparg,  // FUTEX_OP_XOR
                };
                if ((uint)ctx.CompareAndSwap(address2, 4, old, next) == old)
                    break;
            }
            woken = TakeLocked(x, address1, count1, BitsetMatchAny);
            bool pass = cmp switch
            {
                0 => old == cmparg,
                1 => old != cmparg,
                2 => (int)old < (int)cmparg,
                3 => (int)old <= (int)cmparg,
                4 => (int)old > (int)cmparg,
                _ => (int)old >= (int)cmparg,
            };
            if (pass)
                woken.AddRange(TakeLocked(y, address2, count2, BitsetMatchAny));
        });
        foreach (var w in woken)
            w.Thread.Wake();
        return woken.Count;
    }

    /// <summary>Waiters queued on an address (for tests and diagnostics).</summary>
    public int WaitersAt(ulong address)
    {
        var b = BucketOf(address);
        lock (b)
            return b.Count(w => w.Address == address);
    }
}
