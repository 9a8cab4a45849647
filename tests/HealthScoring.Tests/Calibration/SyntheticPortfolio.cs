using HealthScoring.Calibration;

namespace HealthScoring.Tests.Calibration;

/// <summary>
/// Generated outcomes with a known signal-to-churn relationship. Two components, g0 (a, b) and g1 (c, d), with
/// equal weights in the model; the true churn log-odds fall with a (strongly), b (less), c (weakly) and rise with
/// d (an inverted metric). Each account has one signal value per metric 95 days before its outcome and a recorded
/// score on that day, so the 60- and 90-day cut-offs both see them.
/// </summary>
internal static class SyntheticPortfolio
{
    public static readonly DateOnly FirstOutcome = new(2026, 3, 1);

    public static readonly (string Name, double TrueEffect)[] Metrics = [("a", -0.07), ("b", -0.035), ("c", -0.015), ("d", 0.03)];

    public const string ModelJson = """
        { "version": "synthetic-1", "minimumCoverage": 0, "tiers": { "yellowFrom": 40, "greenFrom": 70, "hysteresis": 0 },
          "components": [
            { "name": "g0", "weight": 50, "metrics": [
              { "name": "a", "weight": 50, "window": 60, "aggregation": "latest", "normalizer": { "type": "linear", "from": 0, "to": 100 } },
              { "name": "b", "weight": 50, "window": 60, "aggregation": "latest", "normalizer": { "type": "linear", "from": 0, "to": 100 } } ] },
            { "name": "g1", "weight": 50, "metrics": [
              { "name": "c", "weight": 50, "window": 60, "aggregation": "latest", "normalizer": { "type": "linear", "from": 0, "to": 100 } },
              { "name": "d", "weight": 50, "window": 60, "aggregation": "latest", "normalizer": { "type": "linear", "from": 0, "to": 100 } } ] } ] }
        """;

    public static HealthModel Model { get; } = HealthModelLoader.Load(ModelJson);

    /// <summary>Accounts whose churn follows the true effects (or, with <paramref name="noise"/>, none at all).</summary>
    public static List<BacktestCase> Generate(int accounts, int seed, bool noise = false, double intercept = -1.4)
    {
        var random = new Random(seed);
        var cases = new List<BacktestCase>(accounts);
        for (var i = 0; i < accounts; i++)
        {
            var id = $"acct-{i:D4}";
            var outcomeDate = FirstOutcome.AddDays(random.Next(0, 240));
            var observed = outcomeDate.AddDays(-95);
            var values = Metrics.Select(_ => random.NextDouble() * 100).ToArray();
            var z = intercept + Metrics.Select((m, k) => m.TrueEffect * (values[k] - 50)).Sum();
            var p = noise ? 0.2 : 1 / (1 + Math.Exp(-z));
            var churned = random.NextDouble() < p;
            var kind = churned ? OutcomeKind.Churned : random.Next(3) switch { 0 => OutcomeKind.Expanded, 1 => OutcomeKind.Contracted, _ => OutcomeKind.Renewed };
            var signals = new SignalHistory(Metrics.Select((m, k) => (m.Name, new[] { DailyBucket.Of(observed, values[k]) }))
                .ToDictionary(x => x.Name, x => x.Item2));
            var profile = new AccountProfile(id);
            cases.Add(new BacktestCase(new RenewalOutcome(id, outcomeDate, kind), profile, [Point(Model, profile, signals, observed)], signals));
        }

        return cases;
    }

    /// <summary>The history point the daily run would have recorded on <paramref name="day"/>.</summary>
    public static HistoryPoint Point(HealthModel model, AccountProfile profile, SignalHistory signals, DateOnly day)
    {
        var result = ScoringEngine.Score(model, profile, signals, day);
        return new HistoryPoint(day, result.Score, result.Tier, result.Components.ToDictionary(c => c.Name, c => c.Score, StringComparer.Ordinal));
    }
}
