using HealthScoring.Calibration;

namespace HealthScoring.Tests.Calibration;

/// <summary>
/// Generated outcomes where the hand model is wrong in every way a calibration must fix: a yes/no metric it scores
/// backwards (<c>plan</c>: accounts with it churn more), a categorical metric it scores flat (<c>home</c>: renters churn
/// most, owners least), a metric often missing where "missing" itself means risk (<c>nps</c>), a numeric metric whose
/// range is right (<c>usage</c>), and a segment (SMB) that churns more with the same signals. Each account has one
/// value per metric 95 days before its outcome.
/// </summary>
internal static class MixedPortfolio
{
    public const string ModelJson = """
        { "version": "mixed-1", "minimumCoverage": 0, "tiers": { "yellowFrom": 50, "greenFrom": 75, "hysteresis": 2 },
          "components": [
            { "name": "adoption", "weight": 50, "metrics": [
              { "name": "usage", "weight": 50, "window": 120, "aggregation": "latest", "normalizer": { "type": "linear", "from": 0, "to": 100 } },
              { "name": "plan", "weight": 50, "window": 120, "aggregation": "latest", "normalizer": { "type": "boolean", "trueScore": 100, "falseScore": 0 } } ] },
            { "name": "profile", "weight": 50, "aggregation": "min", "metrics": [
              { "name": "home", "weight": 50, "window": 120, "aggregation": "latest", "normalizer": { "type": "categorical", "levels": [
                  { "value": 1, "label": "owner", "score": 50 }, { "value": 2, "label": "rent", "score": 50 }, { "value": 3, "label": "parents", "score": 50 } ] } },
              { "name": "nps", "weight": 50, "window": 120, "aggregation": "mean", "normalizer": { "type": "linear", "from": 0, "to": 10 } } ] } ],
          "segments": { "Enterprise": { "weights": { "adoption": 70 } } } }
        """;

    public static readonly DateOnly FirstOutcome = new(2025, 1, 1);

    public static HealthModel Model { get; } = HealthModelLoader.Load(ModelJson);

    public static List<BacktestCase> Generate(int accounts, int seed)
    {
        var random = new Random(seed);
        var cases = new List<BacktestCase>(accounts);
        for (var i = 0; i < accounts; i++)
        {
            var id = $"mix-{i:D5}";
            var date = FirstOutcome.AddDays(random.Next(0, 500));
            var day = date.AddDays(-95);
            var usage = random.NextDouble() * 100;
            var plan = random.NextDouble() < 0.4 ? 1.0 : 0.0;
            var home = 1 + random.Next(3);
            double? nps = random.NextDouble() < 0.3 ? null : Math.Round(random.NextDouble() * 10, 1);
            var segment = random.NextDouble() < 0.35 ? "SMB" : random.NextDouble() < 0.5 ? "Enterprise" : null;
            var z = -1.3 - (0.04 * (usage - 50)) + (1.0 * plan) + (home switch { 1 => -0.7, 2 => 0.9, _ => 0 })
                + (nps is { } n ? -0.2 * (n - 5) : 1.0) + (segment == "SMB" ? 0.9 : 0);
            var churned = random.NextDouble() < 1 / (1 + Math.Exp(-z));
            var series = new Dictionary<string, DailyBucket[]>(StringComparer.Ordinal)
            {
                ["usage"] = [DailyBucket.Of(day, usage)],
                ["plan"] = [DailyBucket.Of(day, plan)],
                ["home"] = [DailyBucket.Of(day, home)],
            };
            if (nps is { } value)
            {
                series["nps"] = [DailyBucket.Of(day, value)];
            }

            var profile = new AccountProfile(id, segment);
            cases.Add(new BacktestCase(new RenewalOutcome(id, date, churned ? OutcomeKind.Churned : OutcomeKind.Renewed), profile, [], new SignalHistory(series)));
        }

        return cases;
    }
}
