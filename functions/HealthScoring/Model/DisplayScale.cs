namespace HealthScoring;

/// <summary>
/// How a model shows its weighted score (0-100) to people: a strictly increasing piecewise-linear map through
/// <see cref="Points"/>, from (0, 0) to (100, 100). A calibrated model uses it to spread the accounts over the range
/// (weighted scores of the middle 98% of training accounts shown as 5-95) while keeping their order exactly: a strictly
/// increasing map changes no ranking, only the one-decimal rounding of the shown score can tie.
/// </summary>
public sealed class DisplayScale
{
    /// <summary>Creates a scale; the points must satisfy <see cref="Problem"/>.</summary>
    public DisplayScale(IReadOnlyList<DisplayPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (Problem(points) is { } problem)
        {
            throw new ArgumentException(problem.Message, nameof(points));
        }

        Points = points;
    }

    /// <summary>The points, in increasing order of both coordinates, from (0, 0) to (100, 100).</summary>
    public IReadOnlyList<DisplayPoint> Points { get; }

    /// <summary>The shown score of a weighted score (kept within 0-100).</summary>
    public double Map(double weighted)
    {
        if (double.IsNaN(weighted))
        {
            return weighted;
        }

        var w = Math.Clamp(weighted, 0, 100);
        var i = 1;
        while (i < Points.Count - 1 && w > Points[i].Weighted)
        {
            i++;
        }

        var (a, b) = (Points[i - 1], Points[i]);
        return a.Shown + ((w - a.Weighted) * (b.Shown - a.Shown) / (b.Weighted - a.Weighted));
    }

    /// <summary>The first problem with <paramref name="points"/> (index, or -1 for the list, and a message), or null when they make a scale.</summary>
    public static (int Index, string Field, string Message)? Problem(IReadOnlyList<DisplayPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 2)
        {
            return (-1, "", "needs at least two points, from { \"weighted\": 0, \"shown\": 0 } to { \"weighted\": 100, \"shown\": 100 }");
        }

        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            if (!double.IsFinite(p.Weighted) || p.Weighted is < 0 or > 100)
            {
                return (i, "weighted", $"{p.Weighted} is out of range (expected 0 to 100)");
            }

            if (!double.IsFinite(p.Shown) || p.Shown is < 0 or > 100)
            {
                return (i, "shown", $"{p.Shown} is out of range (expected 0 to 100)");
            }

            if (i > 0 && p.Weighted <= points[i - 1].Weighted)
            {
                return (i, "weighted", $"must be greater than the previous point's ({points[i - 1].Weighted}): the scale keeps the order of scores");
            }

            if (i > 0 && p.Shown <= points[i - 1].Shown)
            {
                return (i, "shown", $"must be greater than the previous point's ({points[i - 1].Shown}): the scale keeps the order of scores");
            }
        }

        if (points[0] != new DisplayPoint(0, 0))
        {
            return (0, "", "must be { \"weighted\": 0, \"shown\": 0 }: the scale covers every score");
        }

        return points[^1] != new DisplayPoint(100, 100) ? (points.Count - 1, "", "must be { \"weighted\": 100, \"shown\": 100 }: the scale covers every score") : null;
    }
}

/// <summary>One point of a <see cref="DisplayScale"/>: a weighted score and the score shown for it.</summary>
/// <param name="Weighted">The weighted score (0-100).</param>
/// <param name="Shown">The score shown (0-100).</param>
public readonly record struct DisplayPoint(double Weighted, double Shown);
