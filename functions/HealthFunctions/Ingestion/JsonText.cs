using System.Globalization;
using System.Text;
using System.Text.Json;
using HealthFunctions.Errors;

namespace HealthFunctions.Ingestion;

/// <summary>
/// The one way request bodies become JSON documents. Empty bodies, invalid UTF-8, invalid JSON and excessive nesting
/// are a 400 naming the position. JSON allows a string to hold an unpaired UTF-16 surrogate escape (<c>"\ud800"</c>, what
/// JavaScript leaves when it cuts a string inside an emoji), but .NET cannot read such a string (nor compare a property
/// name holding one) and throws outside any validation. So every body is checked here: <see cref="Parse"/> answers 400
/// naming the field, <see cref="ParseRepairing"/> replaces each unpaired escape with U+FFFD and says where.
/// </summary>
public static class JsonText
{
    /// <summary>What a 400 says about a string holding an unpaired surrogate escape.</summary>
    public const string UnpairedSurrogateProblem =
        "holds an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF without its pair), which is no text; send the string whole.";

    /// <summary>Parses a body; any string with an unpaired surrogate escape is a 400 naming its field.</summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> body, JsonDocumentOptions options)
    {
        var document = ParseChecked(body, options);
        var unpaired = FindUnpairedSurrogates(body.Span, options);
        if (unpaired.Count == 0)
        {
            return document;
        }

        document.Dispose();
        throw new RequestValidationException(unpaired.Select(u => u.Path).Distinct(StringComparer.Ordinal)
            .Select(path => new FieldError(path, UnpairedSurrogateProblem)).ToList());
    }

    /// <summary>
    /// Parses a body, replacing each unpaired surrogate escape with <c>\ufffd</c> (U+FFFD, the replacement character);
    /// <paramref name="repaired"/> lists the paths of the strings so changed (empty when none).
    /// </summary>
    public static JsonDocument ParseRepairing(ReadOnlyMemory<byte> body, JsonDocumentOptions options, out IReadOnlyList<string> repaired)
    {
        var document = ParseChecked(body, options);
        var unpaired = FindUnpairedSurrogates(body.Span, options);
        if (unpaired.Count == 0)
        {
            repaired = [];
            return document;
        }

        document.Dispose();
        var copy = body.ToArray();
        foreach (var u in unpaired)
        {
            "\\ufffd"u8.CopyTo(copy.AsSpan(u.Offset)); // same length as the escape it replaces
        }

        repaired = unpaired.Select(u => u.Path).Distinct(StringComparer.Ordinal).ToList();
        return JsonDocument.Parse(copy, options);
    }

    /// <summary>
    /// Where <paramref name="json"/> (already known to be valid JSON) holds unpaired surrogate escapes: the byte offset of
    /// each escape and the path of its string (<c>signals[3].accountId</c>; a property name's own path for a name).
    /// </summary>
    public static IReadOnlyList<(int Offset, string Path)> FindUnpairedSurrogates(ReadOnlySpan<byte> json, JsonDocumentOptions options)
    {
        var found = new List<(int, string)>();
        if (!MayHoldSurrogateEscape(json))
        {
            return found;
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions
        {
            MaxDepth = options.MaxDepth,
            CommentHandling = options.CommentHandling,
            AllowTrailingCommas = options.AllowTrailingCommas,
        });
        var frames = new List<Frame>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    NextValue(frames);
                    frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.RemoveAt(frames.Count - 1);
                    break;
                case JsonTokenType.PropertyName:
                    frames[^1].Name = Unescape(reader.ValueSpan);
                    Collect(reader, json, Path(frames), found);
                    break;
                case JsonTokenType.String:
                    NextValue(frames);
                    Collect(reader, json, Path(frames), found);
                    break;
                case JsonTokenType.Comment:
                    break;
                default:
                    NextValue(frames);
                    break;
            }
        }

        return found;
    }

    private static JsonDocument ParseChecked(ReadOnlyMemory<byte> body, JsonDocumentOptions options)
    {
        if (body.IsEmpty)
        {
            throw new RequestValidationException("$", "the body is empty; expected JSON.");
        }

        // JsonDocument checks UTF-8 only when a string is read, which would then throw outside this guard.
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            throw new RequestValidationException("$", "the body is not valid UTF-8.");
        }

        try
        {
            return JsonDocument.Parse(body, options);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            throw new RequestValidationException("$", $"the body is not valid JSON{where}.");
        }
    }

    /// <summary>A quick look for <c>\uD8</c>..<c>\uDF</c>; a false alarm (an escaped backslash before a u) only costs the full scan.</summary>
    private static bool MayHoldSurrogateEscape(ReadOnlySpan<byte> json)
    {
        for (var i = json.IndexOf("\\u"u8); i >= 0 && i + 3 < json.Length;)
        {
            if (json[i + 2] is (byte)'d' or (byte)'D' && IsSurrogateHexDigit(json[i + 3]))
            {
                return true;
            }

            var next = json[(i + 2)..].IndexOf("\\u"u8);
            i = next < 0 ? -1 : i + 2 + next;
        }

        return false;
    }

    private static bool IsSurrogateHexDigit(byte b) => b is (>= (byte)'8' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F');

    private static void Collect(Utf8JsonReader reader, ReadOnlySpan<byte> json, string path, List<(int, string)> found)
    {
        if (!reader.ValueIsEscaped)
        {
            return;
        }

        var start = (int)reader.TokenStartIndex + 1; // after the opening quote
        foreach (var offset in UnpairedEscapes(json.Slice(start, reader.ValueSpan.Length)))
        {
            found.Add((start + offset, path));
        }
    }

    /// <summary>Offsets of the unpaired surrogate escapes in a string's raw (escaped) bytes.</summary>
    private static List<int> UnpairedEscapes(ReadOnlySpan<byte> raw)
    {
        var result = new List<int>();
        var pendingHigh = -1;
        var i = 0;
        while (i < raw.Length)
        {
            if (raw[i] != (byte)'\\')
            {
                Unpair(ref pendingHigh, result);
                i++;
                continue;
            }

            if (raw[i + 1] != (byte)'u')
            {
                Unpair(ref pendingHigh, result);
                i += 2;
                continue;
            }

            var unit = int.Parse(Encoding.ASCII.GetString(raw.Slice(i + 2, 4)), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (char.IsHighSurrogate((char)unit))
            {
                Unpair(ref pendingHigh, result);
                pendingHigh = i;
            }
            else if (char.IsLowSurrogate((char)unit))
            {
                if (pendingHigh < 0)
                {
                    result.Add(i);
                }

                pendingHigh = -1;
            }
            else
            {
                Unpair(ref pendingHigh, result);
            }

            i += 6;
        }

        Unpair(ref pendingHigh, result);
        return result;
    }

    private static void Unpair(ref int pendingHigh, List<int> result)
    {
        if (pendingHigh >= 0)
        {
            result.Add(pendingHigh);
            pendingHigh = -1;
        }
    }

    /// <summary>A string's raw bytes as text, each unpaired surrogate as U+FFFD (for naming a path, which must not throw).</summary>
    private static string Unescape(ReadOnlySpan<byte> raw)
    {
        var text = new StringBuilder(raw.Length);
        var i = 0;
        while (i < raw.Length)
        {
            var escape = raw[i..].IndexOf((byte)'\\');
            if (escape != 0)
            {
                var plain = escape < 0 ? raw[i..] : raw.Slice(i, escape);
                text.Append(Encoding.UTF8.GetString(plain));
                i += plain.Length;
                continue;
            }

            var c = (char)raw[i + 1];
            if (c == 'u')
            {
                text.Append((char)int.Parse(Encoding.ASCII.GetString(raw.Slice(i + 2, 4)), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 6;
                continue;
            }

            text.Append(c switch { 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', _ => c });
            i += 2;
        }

        for (var k = 0; k < text.Length; k++)
        {
            var paired = char.IsHighSurrogate(text[k]) ? k + 1 < text.Length && char.IsLowSurrogate(text[k + 1]) : !char.IsLowSurrogate(text[k]);
            if (!paired)
            {
                text[k] = '\uFFFD';
            }
            else if (char.IsHighSurrogate(text[k]))
            {
                k++;
            }
        }

        return text.ToString();
    }

    private static void NextValue(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray)
        {
            frames[^1].Index++;
        }
    }

    /// <summary>The path of the current value: <c>name</c>, <c>a.b</c>, <c>signals[3].accountId</c>, <c>[0]</c>; <c>$</c> for the root.</summary>
    private static string Path(List<Frame> frames)
    {
        if (frames.Count == 0)
        {
            return "$";
        }

        var path = new StringBuilder();
        foreach (var f in frames)
        {
            if (f.IsArray)
            {
                path.Append('[').Append(f.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                path.Append(path.Length == 0 ? "" : ".").Append(f.Name);
            }
        }

        return path.ToString();
    }

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Index { get; set; } = -1;

        public string? Name { get; set; }
    }
}
