using System.Buffers.Binary;
using System.Text;

namespace HealthFunctions.Storage;

/// <summary>
/// Binary form of <see cref="SignalState"/>, small enough that a full rescore reads every account in pages of
/// 1,000 rows. Layout (version 1): version byte; metric count; per metric its UTF-8 name, bucket count and first
/// day; per bucket a flag byte, the day step (omitted when 1), the last minute, then either one value (a
/// single-value day) or count, sum, min, max, last. Whole numbers are zigzag varints, others 8-byte doubles.
/// </summary>
public static class SignalStateCodec
{
    private const byte Version = 1;
    private const byte FlagDayStepOne = 1;
    private const byte FlagSingle = 2;
    private const byte FlagIntegral = 4;

    /// <summary>Encodes a state.</summary>
    public static byte[] Encode(SignalState state)
    {
        var w = new Writer();
        w.Byte(Version);
        w.VarUInt((ulong)state.MetricCount);
        foreach (var metric in state.Metrics)
        {
            var buckets = state.Buckets(metric);
            w.String(metric);
            w.VarUInt((ulong)buckets.Count);
            var previousDay = buckets.Count > 0 ? buckets[0].DayNumber : 0;
            w.VarUInt((ulong)previousDay);
            for (var i = 0; i < buckets.Count; i++)
            {
                var b = buckets[i];
                var step = i == 0 ? 0 : b.DayNumber - previousDay;
                previousDay = b.DayNumber;
                var single = b.Count == 1;
                var integral = single
                    ? IsIntegral(b.Last)
                    : IsIntegral(b.Sum) && IsIntegral(b.Min) && IsIntegral(b.Max) && IsIntegral(b.Last);
                var flags = (byte)((i > 0 && step == 1 ? FlagDayStepOne : 0) | (single ? FlagSingle : 0) | (integral ? FlagIntegral : 0));
                w.Byte(flags);
                if (i > 0 && step != 1)
                {
                    w.VarUInt((ulong)step);
                }

                w.VarUInt((ulong)b.LastMinute);
                if (single)
                {
                    w.Number(b.Last, integral);
                }
                else
                {
                    w.VarUInt((ulong)b.Count);
                    w.Number(b.Sum, integral);
                    w.Number(b.Min, integral);
                    w.Number(b.Max, integral);
                    w.Number(b.Last, integral);
                }
            }
        }

        return w.ToArray();
    }

    /// <summary>Decodes a state; throws <see cref="InvalidDataException"/> on corrupt input.</summary>
    public static SignalState Decode(ReadOnlySpan<byte> data)
    {
        var sink = new StateSink(new SignalState());
        Read(data, ref sink);
        return sink.State;
    }

    /// <summary>
    /// Decodes a state straight into the engine's view (<see cref="HealthScoring.SignalHistory"/>), for scoring: one array
    /// per metric and no intermediate state, since a full rescore decodes every account's state once.
    /// </summary>
    public static HealthScoring.SignalHistory DecodeHistory(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return HealthScoring.SignalHistory.Empty;
        }

        var sink = new HistorySink(new Dictionary<string, HealthScoring.DailyBucket[]>(StringComparer.Ordinal));
        Read(data, ref sink);
        return new HealthScoring.SignalHistory(sink.Series);
    }

    private static void Read<TSink>(ReadOnlySpan<byte> data, ref TSink sink)
        where TSink : struct, IBucketSink
    {
        if (data.IsEmpty)
        {
            return;
        }

        var r = new Reader(data);
        var version = r.Byte();
        if (version != Version)
        {
            throw new InvalidDataException($"Unknown signal state version {version}.");
        }

        var metricCount = r.Count();
        for (var m = 0; m < metricCount; m++)
        {
            var name = r.String();
            var count = r.Count();
            var day = (int)r.VarUInt();
            sink.StartMetric(name, count);
            for (var i = 0; i < count; i++)
            {
                var flags = r.Byte();
                if (i > 0)
                {
                    day += (flags & FlagDayStepOne) != 0 ? 1 : (int)r.VarUInt();
                }

                var minute = (int)r.VarUInt();
                var integral = (flags & FlagIntegral) != 0;
                if ((flags & FlagSingle) != 0)
                {
                    sink.Add(i, StoredBucket.Single(day, r.Number(integral), minute));
                }
                else
                {
                    var n = r.Count();
                    sink.Add(i, new StoredBucket(day, n, r.Number(integral), r.Number(integral), r.Number(integral), r.Number(integral), minute));
                }
            }

            sink.EndMetric(name);
        }

        if (!r.AtEnd)
        {
            throw new InvalidDataException("Trailing bytes after signal state.");
        }
    }

    private static bool IsIntegral(double v) =>
        v == Math.Floor(v) && Math.Abs(v) < 9.0e15 && !(v == 0 && double.IsNegative(v));

    private interface IBucketSink
    {
        void StartMetric(string name, int count);

        void Add(int index, StoredBucket bucket);

        void EndMetric(string name);
    }

    private struct StateSink(SignalState state) : IBucketSink
    {
        private List<StoredBucket> _buckets = [];

        public readonly SignalState State => state;

        public void StartMetric(string name, int count) => _buckets = new List<StoredBucket>(count);

        public readonly void Add(int index, StoredBucket bucket) => _buckets.Add(bucket);

        public readonly void EndMetric(string name) => state.SetBuckets(name, _buckets);
    }

    private struct HistorySink(Dictionary<string, HealthScoring.DailyBucket[]> series) : IBucketSink
    {
        private HealthScoring.DailyBucket[] _buckets = [];

        public readonly Dictionary<string, HealthScoring.DailyBucket[]> Series => series;

        public void StartMetric(string name, int count) => _buckets = new HealthScoring.DailyBucket[count];

        public readonly void Add(int index, StoredBucket b) => _buckets[index] = new HealthScoring.DailyBucket(b.Day, b.Count, b.Sum, b.Min, b.Max, b.Last);

        public readonly void EndMetric(string name) => series[name] = _buckets;
    }

    private sealed class Writer
    {
        private byte[] _buffer = new byte[256];
        private int _length;

        public void Byte(byte b)
        {
            Ensure(1);
            _buffer[_length++] = b;
        }

        public void VarUInt(ulong value)
        {
            Ensure(10);
            while (value >= 0x80)
            {
                _buffer[_length++] = (byte)(value | 0x80);
                value >>= 7;
            }

            _buffer[_length++] = (byte)value;
        }

        public void Number(double value, bool integral)
        {
            if (integral)
            {
                var l = (long)value;
                VarUInt((ulong)((l << 1) ^ (l >> 63)));
            }
            else
            {
                Ensure(8);
                BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_length), value);
                _length += 8;
            }
        }

        public void String(string s)
        {
            var count = Encoding.UTF8.GetByteCount(s);
            VarUInt((ulong)count);
            Ensure(count);
            _length += Encoding.UTF8.GetBytes(s, _buffer.AsSpan(_length));
        }

        public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

        private void Ensure(int extra)
        {
            if (_length + extra > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
            }
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _pos;

        public readonly bool AtEnd => _pos == _data.Length;

        public byte Byte() => _pos < _data.Length ? _data[_pos++] : throw Corrupt();

        public ulong VarUInt()
        {
            ulong result = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = Byte();
                result |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return result;
                }
            }

            throw Corrupt();
        }

        public int Count()
        {
            var v = VarUInt();
            return v <= 1_000_000 ? (int)v : throw Corrupt();
        }

        public double Number(bool integral)
        {
            if (integral)
            {
                var z = VarUInt();
                return (long)(z >> 1) ^ -(long)(z & 1);
            }

            if (_pos + 8 > _data.Length)
            {
                throw Corrupt();
            }

            var d = BinaryPrimitives.ReadDoubleLittleEndian(_data[_pos..]);
            _pos += 8;
            return d;
        }

        public string String()
        {
            var n = Count();
            if (_pos + n > _data.Length)
            {
                throw Corrupt();
            }

            var s = Encoding.UTF8.GetString(_data.Slice(_pos, n));
            _pos += n;
            return s;
        }

        private static InvalidDataException Corrupt() => new("Corrupt signal state.");
    }
}
