namespace HealthFunctions.Storage;

/// <summary>
/// Lets one caller at a time through per key, within this process: writers of one account row take turns here instead
/// of racing on its ETag, so only writers in other instances can conflict (and back off, <see cref="ConflictBackoff"/>).
/// Entries live only while someone holds or waits for them.
/// </summary>
public sealed class KeyedGate
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Waits for the key's turn; disposing the result passes the turn on.</summary>
    public async Task<IDisposable> EnterAsync(string key, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                _entries.Add(key, entry);
            }

            entry.Users++;
        }

        try
        {
            await entry.Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(key, entry, entered: false);
            throw;
        }

        return new Lease(this, key, entry);
    }

    /// <summary>Keys currently held or waited for (for tests).</summary>
    internal int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    private void Leave(string key, Entry entry, bool entered)
    {
        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(key);
            }
        }

        if (entered)
        {
            entry.Turn.Release();
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Lease(KeyedGate gate, string key, Entry entry) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Leave(key, entry, entered: true);
            }
        }
    }
}
