namespace HealthScoring;

/// <summary>
/// Thresholds: the first band whose <see cref="Band.UpTo"/> is at or above the raw value gives the score; the
/// last band has no bound and takes everything above. JSON:
/// <c>{"type":"bands","bands":[{"upTo":2,"score":100},{"upTo":5,"score":70},{"score":20}]}</c>.
/// </summary>
/// <param name="Bands">Bands in ascending order of <see cref="Band.UpTo"/>, the last one open-ended.</param>
public sealed record BandsNormalizer(IReadOnlyList<Band> Bands) : Normalizer
{
    private readonly Band[] bands = Bands.ToArray();

    /// <inheritdoc />
    public override string Type => "bands";

    /// <inheritdoc />
    protected override double Map(double raw, MetricPopulation? population)
    {
        var last = bands.Length - 1;
        for (var i = 0; i < last; i++)
        {
            if (raw <= bands[i].UpTo)
            {
                return bands[i].Score;
            }
        }

        return bands[last].Score;
    }
}
