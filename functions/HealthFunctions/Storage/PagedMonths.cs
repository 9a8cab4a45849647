using System.Globalization;
using System.Text;

namespace HealthFunctions.Storage;

/// <summary>
/// The months of an account's signal state that live in month rows rather than in the account row, each with the state
/// version that last wrote it: a reader that finds a month row of another version read a newer state than its account
/// row, and reads again. Stored in the account row as "yyyyMM=version,...".
/// </summary>
public sealed class PagedMonths
{
    /// <summary>No month row.</summary>
    public static readonly PagedMonths None = new(new SortedDictionary<StateMonth, long>());

    private readonly SortedDictionary<StateMonth, long> _versions;

    private PagedMonths(SortedDictionary<StateMonth, long> versions) => _versions = versions;

    /// <summary>The months with a row, oldest first.</summary>
    public IEnumerable<StateMonth> Months => _versions.Keys;

    /// <summary>Number of month rows.</summary>
    public int Count => _versions.Count;

    /// <summary>True when <paramref name="month"/> lives in a month row.</summary>
    public bool Contains(StateMonth month) => _versions.ContainsKey(month);

    /// <summary>The state version that wrote the month's row.</summary>
    public long VersionOf(StateMonth month) => _versions[month];

    /// <summary>The months with a row from <paramref name="from"/> on.</summary>
    public IEnumerable<StateMonth> From(StateMonth from) => _versions.Keys.Where(m => m >= from);

    /// <summary>This map with <paramref name="written"/> (re)written at <paramref name="version"/> and <paramref name="removed"/> gone.</summary>
    public PagedMonths With(IEnumerable<StateMonth> written, long version, IEnumerable<StateMonth> removed)
    {
        var next = new SortedDictionary<StateMonth, long>(_versions);
        foreach (var m in removed)
        {
            next.Remove(m);
        }

        foreach (var m in written)
        {
            next[m] = version;
        }

        return new PagedMonths(next);
    }

    /// <summary>The stored form, or null when there is no month row.</summary>
    public string? Encode()
    {
        if (_versions.Count == 0)
        {
            return null;
        }

        var sb = new StringBuilder(_versions.Count * 16);
        foreach (var (month, version) in _versions)
        {
            sb.Append(sb.Length == 0 ? "" : ",").Append(month.Key).Append('=').Append(version.ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <summary>Reads the stored form; throws <see cref="InvalidDataException"/> when it is corrupt.</summary>
    public static PagedMonths Decode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return None;
        }

        var versions = new SortedDictionary<StateMonth, long>();
        foreach (var part in text.Split(','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0 || StateMonth.Parse(part[..eq]) is not { } month
                || !long.TryParse(part.AsSpan(eq + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidDataException($"Corrupt month-row list '{text}'.");
            }

            versions[month] = version;
        }

        return new PagedMonths(versions);
    }
}
