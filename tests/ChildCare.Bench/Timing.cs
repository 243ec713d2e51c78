using System.Diagnostics;

namespace ChildCare.Bench;

internal sealed record Timing(double P50, double P95)
{
    public static async Task<Timing> Of<T>(int iterations, Func<Task<T>> run)
    {
        for (var i = 0; i < 3; i++) await run(); // warm up: JIT, plans, caches
        var samples = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }
        samples.Sort();
        return new Timing(Percentile(samples, 0.50), Percentile(samples, 0.95));
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
