using System.Globalization;
using System.Text;

namespace A64Jit.Perf.GuestRunner;

/// <summary>Formats the guest results as a plain-text table with a geometric-mean row.</summary>
public static class ResultTable
{
    static readonly string[] Headers = ["benchmark", "size", "a64jit s", "qemu s", "native s", "a64jit/native", "qemu/a64jit", "MIPS", "note"];

    public static string Format(IReadOnlyList<BenchmarkResult> rows, string engine)
    {
        var cells = rows.Select(r => new[]
        {
            r.Name, r.Size.ToString(CultureInfo.InvariantCulture),
            Seconds(r.A64JitSeconds), Seconds(r.QemuSeconds), Seconds(r.NativeSeconds),
            Ratio(r.A64JitOverNative), Ratio(r.QemuOverA64Jit), Mips(r.Mips), r.Note ?? "",
        }).ToList();
        cells.Add(
        [
            "geomean", "",
            Seconds(Statistics.GeometricMean(Present(rows, r => r.A64JitSeconds))),
            Seconds(Statistics.GeometricMean(Present(rows, r => r.QemuSeconds))),
            Seconds(Statistics.GeometricMean(Present(rows, r => r.NativeSeconds))),
            Ratio(Statistics.GeometricMean(Present(rows, r => r.A64JitOverNative))),
            Ratio(Statistics.GeometricMean(Present(rows, r => r.QemuOverA64Jit))),
            Mips(Statistics.GeometricMean(Present(rows, r => r.Mips))),
            GeomeanNote(rows),
        ]);

        var widths = Headers.Select((h, c) => Math.Max(h.Length, cells.Max(row => row[c].Length))).ToArray();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"a64jit engine: {engine}; seconds are medians of wall time per run\n");
        AppendRow(sb, Headers, widths);
        AppendRow(sb, widths.Select(w => new string('-', w)).ToArray(), widths);
        for (int i = 0; i < cells.Count; i++)
        {
            if (i == cells.Count - 1)
                AppendRow(sb, widths.Select(w => new string('-', w)).ToArray(), widths);
            AppendRow(sb, cells[i], widths);
        }
        return sb.ToString();
    }

    static IEnumerable<double> Present(IEnumerable<BenchmarkResult> rows, Func<BenchmarkResult, double?> pick) =>
        rows.Select(pick).Where(v => v is > 0).Select(v => v!.Value);

    /// <summary>The geometric means of times compare only when every row ran; say when some did not.</summary>
    static string GeomeanNote(IReadOnlyList<BenchmarkResult> rows)
    {
        int ran = rows.Count(r => r.A64JitSeconds is not null);
        return ran == rows.Count ? "" : $"a64jit ran {ran} of {rows.Count}";
    }

    static void AppendRow(StringBuilder sb, string[] row, int[] widths)
    {
        var line = new StringBuilder();
        for (int c = 0; c < row.Length; c++)
        {
            if (c > 0)
                line.Append("  ");
            // names and notes left-aligned, numbers right-aligned
            bool left = c == 0 || c == row.Length - 1;
            line.Append(left ? row[c].PadRight(widths[c]) : row[c].PadLeft(widths[c]));
        }
        sb.Append(line.ToString().TrimEnd()).Append('\n');
    }

    static string Seconds(double? s) => s is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : "-";

    static string Ratio(double? r) => r switch
    {
        null => "-",
        >= 100 => r.Value.ToString("F0", CultureInfo.InvariantCulture) + "x",
        >= 10 => r.Value.ToString("F1", CultureInfo.InvariantCulture) + "x",
        _ => r.Value.ToString("F2", CultureInfo.InvariantCulture) + "x",
    };

    static string Mips(double? m) => m is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) : "-";
}
