using System.Runtime.InteropServices;
using System.Text;

namespace A64Jit.Hypervisor.Profiling;

/// <summary>How a system-register access was carried out.</summary>
public enum SysRegPath : byte
{
    /// <summary>Compiled to a load or store of the register's slot.</summary>
    Inline,
    /// <summary>Through the slow path (a helper call from compiled code, or the interpreter).</summary>
    Helper,
    /// <summary>Trapped to EL2.</summary>
    Trap,
    /// <summary>UNDEFINED at that EL.</summary>
    Undefined,
}

/// <summary>
/// Counts system-register accesses by register, EL, direction and path (--profile). Compiled code
/// increments the counters of its inline accesses directly (<see cref="Counters"/>); the slow path counts
/// through <see cref="Count"/>. Exists only when profiling is on, so code compiled without it has no counters.
/// </summary>
public sealed unsafe class SysRegProfile : IDisposable
{
    public const int Capacity = 8192;

    readonly Dictionary<(string Name, int El, bool Read, SysRegPath Path), int> index = [];
    readonly List<(string Name, int El, bool Read, SysRegPath Path)> keys = [];
    readonly Lock gate = new();

    /// <summary>The counter table compiled code increments (native memory, fixed for the profile's life).</summary>
    public long* Counters { get; } = (long*)NativeMemory.AllocZeroed(Capacity, sizeof(long));

    /// <summary>The index of a counter, allocated on first use; -1 when the table is full.</summary>
    public int Counter(string name, int el, bool read, SysRegPath path)
    {
        lock (gate)
        {
            if (index.TryGetValue((name, el, read, path), out int i))
                return i;
            if (keys.Count >= Capacity)
                return -1;
            index[(name, el, read, path)] = keys.Count;
            keys.Add((name, el, read, path));
            return keys.Count - 1;
        }
    }

    public void Count(string name, int el, bool read, SysRegPath path)
    {
        int i = Counter(name, el, read, path);
        if (i >= 0)
            Interlocked.Increment(ref Counters[i]);
    }

    /// <summary>The table, most frequent first (all rows, or the first <paramref name="top"/>).</summary>
    public string Format(int top = int.MaxValue)
    {
        List<(string Name, int El, bool Read, SysRegPath Path, long Count)> rows;
        lock (gate)
            rows = keys.Select((k, i) => (k.Name, k.El, k.Read, k.Path, Counters[i])).Where(r => r.Item5 > 0).ToList();
        rows.Sort((a, b) => b.Count != a.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Name, b.Name));
        var text = new StringBuilder();
        text.AppendLine($"{"register",-22} {"EL",2} {"dir",-5} {"path",-9} {"count",14}");
        foreach (var r in rows.Take(top))
            text.AppendLine($"{r.Name,-22} {r.El,2} {(r.Read ? "read" : "write"),-5} {r.Path.ToString().ToLowerInvariant(),-9} {r.Count,14:N0}");
        long total = rows.Sum(r => r.Count);
        text.AppendLine($"{rows.Count} rows, {total:N0} accesses" + (rows.Count > top ? $" (first {top} shown)" : ""));
        return text.ToString();
    }

    public void Dispose() => NativeMemory.Free(Counters);
}
