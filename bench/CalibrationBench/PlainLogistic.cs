using HealthScoring.Calibration;

namespace CalibrationBench;

/// <summary>
/// The reference: a plain logistic regression on the dataset's raw columns, as glm would fit it: each number as it
/// is (a missing one takes the training mean), each factor as indicators for every level but the first (plus one for
/// "missing" when training has missing cells), a negligible penalty only to keep separated levels finite.
/// </summary>
internal sealed class PlainLogistic
{
    private readonly Dataset data;
    private readonly List<Func<int, double>> columns = [];

    public PlainLogistic(Dataset data, IReadOnlyList<int> trainRows)
    {
        this.data = data;
        foreach (var column in data.Spec.Columns)
        {
            if (column.Levels is null)
            {
                columns.Add(r => data.Value(r, column) ?? double.NaN);
                continue;
            }

            foreach (var level in column.Levels.Skip(1))
            {
                columns.Add(r => data.Text(r, column) == level ? 1 : 0);
            }

            if (trainRows.Any(r => data.Text(r, column) is null))
            {
                columns.Add(r => data.Text(r, column) is null ? 1 : 0);
            }
        }

        Fit = LogisticRegression.Fit(trainRows.Select(Row).ToList(), trainRows.Select(data.Churned).ToList(), lambda: 1e-4);
    }

    public LogisticFit Fit { get; }

    public int Columns => columns.Count;

    public double Probability(int row) => Fit.Predict(Row(row));

    private IReadOnlyList<double> Row(int row) => columns.Select(c => c(row)).ToArray();
}
