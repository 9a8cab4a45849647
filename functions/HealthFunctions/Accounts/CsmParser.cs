using HealthFunctions.Access;
using HealthFunctions.Errors;
using HealthFunctions.Hosting;
using HealthScoring;

namespace HealthFunctions.Accounts;

/// <summary>
/// Reads <c>POST /api/accounts/{id}/pulse</c> (<c>{"value","author","expiresOn","note"?}</c>) and
/// <c>POST /api/accounts/{id}/override</c> (<c>{"score"?,"tier"?,"reason","author","expiresOn"}</c>) bodies, listing every
/// invalid field. The expiry is a day from today to a year ahead; the author is the signed-in principal (a body's author only
/// adds a note to it).
/// </summary>
public static class CsmParser
{
    /// <summary>Longest expiry accepted, in days from today.</summary>
    public const int MaxDaysAhead = 365;

    private static readonly string[] PulseFields = ["value", "author", "expiresOn", "note"];
    private static readonly string[] OverrideFields = ["score", "tier", "reason", "author", "expiresOn"];

    /// <summary>Parses a pulse; its value must lie on the scale of the model's pulse metrics.</summary>
    public static CsmPulse ParsePulse(ReadOnlyMemory<byte> body, HealthModel model, DateOnly today, Principal caller)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var json = JsonFields.Read(body, PulseFields);
        var (min, max) = PulseScale(model);
        var value = json.Number("value", min, max, required: true);
        var author = Author(json, caller);
        var expires = json.Date("expiresOn", today, today.AddDays(MaxDaysAhead), required: true);
        var note = json.Text("note", 1000);
        if (PulseScale(model) is (double.NegativeInfinity, _))
        {
            json.Errors.Add(new FieldError("value", $"the active model ({model.Version}) has no pulse metric, so a pulse would not count."));
        }

        json.ThrowIfInvalid();
        return new CsmPulse(value!.Value, author!, expires!.Value, note);
    }

    /// <summary>
    /// Parses a manual override: a score, a tier, or both. Both must agree under <paramref name="model"/>'s tiers (a score
    /// of 95 is Green, so it cannot come with tier Red): a contradiction is a 400 naming both fields.
    /// </summary>
    public static ManualOverride ParseOverride(ReadOnlyMemory<byte> body, DateOnly today, Principal caller, HealthModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var json = JsonFields.Read(body, OverrideFields);
        var score = json.Number("score", 0, 100);
        HealthTier? tier = null;
        if (json.Text("tier", 16) is { } tierText)
        {
            if (Enum.TryParse<HealthTier>(tierText, ignoreCase: true, out var t) && Enum.IsDefined(t) && !char.IsDigit(tierText[0]))
            {
                tier = t;
            }
            else
            {
                json.Errors.Add(new FieldError("tier", "must be Red, Yellow or Green."));
            }
        }

        if (!json.HasValue("score") && !json.HasValue("tier"))
        {
            json.Errors.Add(new FieldError("score", "an override sets a score (0-100), a tier (Red, Yellow, Green), or both."));
        }

        if (score is { } s && tier is { } wanted && model.Tiers.Classify(s) != wanted)
        {
            var tiers = model.Tiers;
            var band = wanted switch
            {
                HealthTier.Red => $"below {Readable.Format(tiers.YellowFrom)}",
                HealthTier.Yellow => $"from {Readable.Format(tiers.YellowFrom)} to below {Readable.Format(tiers.GreenFrom)}",
                _ => $"{Readable.Format(tiers.GreenFrom)} or more",
            };
            var why = $"score {Readable.Format(s)} is {tiers.Classify(s)} under model {model.Version} (Yellow from {Readable.Format(tiers.YellowFrom)}, Green from {Readable.Format(tiers.GreenFrom)}), so it contradicts tier {wanted}";
            json.Errors.Add(new FieldError("score", $"{why}: send a score {band}, or the tier alone."));
            json.Errors.Add(new FieldError("tier", $"{why}: send the tier alone, or a score {band}."));
        }

        var reason = json.Text("reason", 500, required: true);
        var author = Author(json, caller);
        var expires = json.Date("expiresOn", today, today.AddDays(MaxDaysAhead), required: true);
        json.ThrowIfInvalid();
        return new ManualOverride(score, tier, reason!, author!, expires!.Value);
    }

    /// <summary>The raw scale of the model's pulse metrics (from their linear normalizers), or -inf..inf when it has none.</summary>
    public static (double Min, double Max) PulseScale(HealthModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var pulses = Metrics(model.Components).Concat(model.Segments.Values.SelectMany(s => Metrics(s.Components ?? []))).Where(m => m.Pulse).ToList();
        if (pulses.Count == 0)
        {
            return (double.NegativeInfinity, double.PositiveInfinity);
        }

        var ranges = pulses.Select(m => m.Normalizer is LinearNormalizer l ? (Math.Min(l.From, l.To), Math.Max(l.From, l.To)) : (-1e12, 1e12)).ToList();
        return (ranges.Min(r => r.Item1), ranges.Max(r => r.Item2));

        static IEnumerable<MetricDefinition> Metrics(IEnumerable<ComponentDefinition> components) =>
            components.SelectMany(c => c.Metrics.Concat(Metrics(c.Components)));
    }

    /// <summary>The caller, with the body's author (if it names someone else) as a display note: never the body's alone.</summary>
    private static string Author(JsonFields json, Principal caller) => caller.AuthorWithNote(json.Text("author", 200));
}
