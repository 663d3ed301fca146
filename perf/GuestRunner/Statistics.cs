namespace A64Jit.Perf.GuestRunner;

/// <summary>The few statistics the guest runner reports: medians of runs and geometric means of ratios.</summary>
public static class Statistics
{
    /// <summary>The middle value (the mean of the two middle ones for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            throw new ArgumentException("median of no values", nameof(values));
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>exp(mean(log x)); null when there are no values. Ratios must be positive.</summary>
    public static double? GeometricMean(IEnumerable<double> values)
    {
        double logSum = 0;
        int count = 0;
        foreach (var v in values)
        {
            if (!(v > 0) || double.IsInfinity(v))
                throw new ArgumentOutOfRangeException(nameof(values), v, "geometric mean needs positive finite values");
            logSum += Math.Log(v);
            count++;
        }
        return count == 0 ? null : Math.Exp(logSum / count);
    }
}
