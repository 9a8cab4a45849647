using System.Globalization;

namespace CalibrationBench;

/// <summary>A dataset read from the CSV that scripts/bench/calibration.sh exports from the R package (empty or NA: missing).</summary>
internal sealed class Dataset
{
    private Dataset(DatasetSpec spec, List<string?[]> rows, Dictionary<string, int> header)
    {
        Spec = spec;
        Rows = rows;
        Header = header;
    }

    public DatasetSpec Spec { get; }

    public IReadOnlyList<string?[]> Rows { get; }

    private Dictionary<string, int> Header { get; }

    public static Dataset Read(DatasetSpec spec, string directory)
    {
        var path = Path.Combine(directory, $"{spec.Name}.csv");
        var lines = File.ReadAllLines(path);
        var header = Split(lines[0]).Select((h, i) => (h ?? "", i)).ToDictionary(x => x.Item1, x => x.i, StringComparer.Ordinal);
        foreach (var column in spec.Columns.Select(c => c.Name).Append(spec.Outcome))
        {
            if (!header.ContainsKey(column))
            {
                throw new InvalidDataException($"{path} has no column '{column}'.");
            }
        }

        return new Dataset(spec, lines.Skip(1).Where(l => l.Length > 0).Select(Split).ToList(), header);
    }

    public bool Churned(int row) => Rows[row][Header[Spec.Outcome]] == Spec.Positive;

    public string? Text(int row, ColumnSpec column) => Rows[row][Header[column.Name]];

    /// <summary>The value posted for a column (a number, or a factor level's code), or null when the cell is missing.</summary>
    public double? Value(int row, ColumnSpec column)
    {
        var text = Text(row, column);
        if (text is null)
        {
            return null;
        }

        return column.Levels is null
            ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)
            : column.Code(text) ?? throw new InvalidDataException($"{Spec.Name} row {row + 1}: '{text}' is no level of {column.Name}.");
    }

    /// <summary>One CSV line as R's write.csv writes it: quoted strings, bare numbers, empty or NA for missing.</summary>
    private static string?[] Split(string line)
    {
        var cells = new List<string?>();
        var i = 0;
        while (i <= line.Length)
        {
            string cell;
            if (i < line.Length && line[i] == '"')
            {
                var end = i + 1;
                var sb = new System.Text.StringBuilder();
                while (end < line.Length)
                {
                    if (line[end] == '"' && end + 1 < line.Length && line[end + 1] == '"')
                    {
                        sb.Append('"');
                        end += 2;
                    }
                    else if (line[end] == '"')
                    {
                        break;
                    }
                    else
                    {
                        sb.Append(line[end++]);
                    }
                }

                cell = sb.ToString();
                i = end + 2;
            }
            else
            {
                var end = line.IndexOf(',', i);
                end = end < 0 ? line.Length : end;
                cell = line[i..end];
                i = end + 1;
            }

            cells.Add(cell.Length == 0 || cell == "NA" ? null : cell);
        }

        return [.. cells];
    }
}
