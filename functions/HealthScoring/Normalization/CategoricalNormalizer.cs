namespace HealthScoring;

/// <summary>
/// A score per level: the raw value is a code (a plan, a region, an employment type posted as a number) and each
/// code has its own score. A value that is no level scores <see cref="Otherwise"/>, or is missing when that is null.
/// JSON: <c>{"type":"categorical","levels":[{"value":1,"label":"owner","score":80},{"value":2,"label":"rent","score":35}],"otherwise":50}</c>.
/// </summary>
/// <param name="Levels">The levels; values are distinct.</param>
/// <param name="Otherwise">Score of a value that is no level, or null to treat it as missing.</param>
public sealed record CategoricalNormalizer(IReadOnlyList<Level> Levels, double? Otherwise = null) : Normalizer
{
    private readonly Level[] levels = Levels.ToArray();

    /// <inheritdoc />
    public override string Type => "categorical";

    /// <summary>The index of the level whose value is <paramref name="raw"/>, or -1.</summary>
    public int IndexOf(double raw)
    {
        for (var i = 0; i < levels.Length; i++)
        {
            if (levels[i].Value == raw)
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc />
    protected override double Map(double raw, MetricPopulation? population)
    {
        var i = IndexOf(raw);
        return i >= 0 ? levels[i].Score : Otherwise ?? double.NaN;
    }
}
