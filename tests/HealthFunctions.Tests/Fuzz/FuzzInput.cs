using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace HealthFunctions.Tests.Fuzz;

/// <summary>
/// Hostile input, shared by every endpoint the fuzz test drives: a valid seed body with one or more leaves replaced by
/// raw JSON fragments (lone surrogates, control characters, characters Table keys forbid, ids of 1 KiB and more, huge
/// numbers, NaN and Infinity as strings, wrong types, deep nesting), whole bodies that are malformed, empty, deeply
/// nested or random bytes, and the seed sent with a wrong content type or gzip-compressed.
/// </summary>
public static class FuzzInput
{
    /// <summary>Raw JSON fragments a leaf is replaced with (as written, escapes included).</summary>
    public static readonly string[] Fragments =
    [
        // Unpaired UTF-16 surrogate escapes.
        "\"\\ud800\"", "\"acme\\udc00\"", "\"\\ud83d\"", "\"\\ude00\\ud83d\"",
        // Control characters, escaped and (U+0085) raw.
        "\"\\u0000\"", "\"a\\u001fb\"", "\"\\u007f\"", "\"a\u0085b\"", "\"line\\nbreak\"",
        // Characters Table keys forbid.
        "\"a/b\"", "\"a\\\\b\"", "\"a#b\"", "\"a?b\"", "\"/\"",
        // Ids of 1 KiB and more (bytes of UTF-8 counted, not characters).
        Quoted(new string('a', 1024)), Quoted(new string('a', 1025)), Quoted(new string('é', 600)), Quoted(new string('z', 5000)),
        // Huge, tiny and overlong numbers, and NaN and Infinity as strings.
        "1e308", "-1e308", "1e309", "-1e400", "4.9e-324", "-0", "123456789012345678901234567890", "1.7976931348623157e308",
        "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e309\"",
        // Wrong types.
        "[]", "{}", "true", "false", "null", "[1,\"x\"]", "{\"a\":{\"b\":[1]}}", "\"\"", "\" \"",
        // Dates at and past the edges.
        "\"0001-01-01\"", "\"9999-12-31T23:59:59Z\"", "\"2026-02-30\"", "\"1999-12-31T23:59:59Z\"", "\"1970-01-01T00:00:00Z\"", "-62135596800",
        // Deep nesting in one leaf.
        new string('[', 70) + new string(']', 70), new string('[', 200) + new string(']', 200),
    ];

    /// <summary>Whole bodies that are no usable JSON document.</summary>
    public static readonly string[] Bodies =
    [
        "", " ", "null", "[]", "{}", "\"text\"", "42", "NaN", "{\"a\":", "{\"a\":1,}", "[1,2", "{'a':1}", "\ufeff{}",
        new string('[', 10_000) + new string(']', 10_000), new string('{', 1) + string.Concat(Enumerable.Repeat("\"a\":{", 100)) + new string('}', 101),
    ];

    /// <summary>Content types a body may be sent with (null: none).</summary>
    public static readonly string?[] WrongContentTypes = ["text/plain", "application/xml", null, "multipart/form-data; boundary=x", "application/json; charset=latin1"];

    /// <summary>A mutation of <paramref name="seed"/> (JSON), or the seed itself now and then, so that some cases are stored.</summary>
    public static byte[] Mutate(Random random, byte[] seed) => random.Next(20) switch
    {
        < 4 => seed,
        < 12 => ReplaceLeaves(random, seed, random.Next(1, 3)),
        < 15 => Encoding.UTF8.GetBytes(Bodies[random.Next(Bodies.Length)]),
        < 18 => CorruptBytes(random, seed),
        _ => RandomBytes(random),
    };

    /// <summary>The seed gzip-compressed (sent with Content-Encoding: gzip).</summary>
    public static byte[] Gzip(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(body);
        }

        return output.ToArray();
    }

    /// <summary>A hostile id for a route segment (escaped when sent): every fragment's text, and a few ordinary ones.</summary>
    public static string RouteId(Random random) => random.Next(6) switch
    {
        0 => "fz-" + random.Next(1000),
        1 => new string('a', 1024 + random.Next(2)),
        2 => "a\u0001b",
        3 => "a#b?c",
        4 => "\ud83d\ude00-acme",
        _ => "a\\b",
    };

    /// <summary>Replaces <paramref name="count"/> leaves (or object members) of a JSON body with fragments.</summary>
    public static byte[] ReplaceLeaves(Random random, byte[] seed, int count)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(seed);
        }
        catch (System.Text.Json.JsonException)
        {
            return seed;
        }

        var slots = new List<(JsonNode Parent, object Key)>();
        Collect(root, slots);
        var raw = new List<string>();
        for (var i = 0; i < count && slots.Count > 0; i++)
        {
            var (parent, key) = slots[random.Next(slots.Count)];
            var marker = $"@@RAW{raw.Count}@@";
            raw.Add(Fragments[random.Next(Fragments.Length)]);
            if (parent is JsonObject o)
            {
                o[(string)key] = marker;
            }
            else if (parent is JsonArray a)
            {
                a[(int)key] = marker;
            }
        }

        var text = root?.ToJsonString() ?? "null";
        for (var i = 0; i < raw.Count; i++)
        {
            text = text.Replace($"\"@@RAW{i}@@\"", raw[i], StringComparison.Ordinal);
        }

        return Encoding.UTF8.GetBytes(text);
    }

    private static void Collect(JsonNode? node, List<(JsonNode, object)> slots)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToList())
                {
                    slots.Add((o, key));
                    Collect(child, slots);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    slots.Add((a, i));
                    Collect(a[i], slots);
                }

                break;
        }
    }

    /// <summary>A few bytes of <paramref name="seed"/> changed, removed or inserted.</summary>
    public static byte[] CorruptBytes(Random random, byte[] seed)
    {
        var bytes = seed.ToList();
        for (var m = random.Next(1, 4); m > 0 && bytes.Count > 0; m--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(3))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes.RemoveAt(at); break;
                default: bytes.Insert(at, (byte)"{}[],:\"\\0123456789eE-."[random.Next(22)]); break;
            }
        }

        return [.. bytes];
    }

    /// <summary>Up to 300 random bytes.</summary>
    public static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 300)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Quoted(string text) => "\"" + text + "\"";
}
