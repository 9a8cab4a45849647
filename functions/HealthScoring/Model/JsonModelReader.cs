using System.Text.Json;

namespace HealthScoring;

/// <summary>Reads typed values out of a model document, recording every problem with its path instead of stopping.</summary>
internal sealed class JsonModelReader
{
    public List<ModelError> Errors { get; } = [];

    public static string Child(string path, string property) => path == "$" ? property : $"{path}.{property}";

    public static string Index(string path, int index) => $"{path}[{index}]";

    public void Error(string path, string message) => Errors.Add(new ModelError(path, message));

    public bool IsObject(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Error(path, $"expected an object, found {Describe(element)}");
        return false;
    }

    public void RejectUnknown(JsonElement obj, string path, params string[] known)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0 && property.Name != "$schema" && property.Name != "comment")
            {
                Error(Child(path, property.Name), $"unknown property (expected one of: {string.Join(", ", known)})");
            }
        }
    }

    public bool TryGet(JsonElement obj, string path, string name, bool required, out JsonElement value)
    {
        if (obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        if (required)
        {
            Error(Child(path, name), "is required");
        }

        return false;
    }

    public string? String(JsonElement obj, string path, string name, bool required)
    {
        if (!TryGet(obj, path, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            Error(Child(path, name), $"expected a non-empty string, found {Describe(value)}");
            return null;
        }

        return value.GetString();
    }

    public double? Number(JsonElement obj, string path, string name, bool required, double min = double.MinValue, double max = double.MaxValue)
    {
        if (!TryGet(obj, path, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            Error(Child(path, name), $"expected a finite number, found {Describe(value)}");
            return null;
        }

        if (number < min || number > max)
        {
            Error(Child(path, name), $"{number} is out of range (expected {Range(min, max)})");
            return null;
        }

        return number;
    }

    public int? Integer(JsonElement obj, string path, string name, bool required, int min, int max)
    {
        if (!TryGet(obj, path, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Error(Child(path, name), $"expected a whole number, found {Describe(value)}");
            return null;
        }

        if (number < min || number > max)
        {
            Error(Child(path, name), $"{number} is out of range (expected {min} to {max})");
            return null;
        }

        return number;
    }

    public bool? Bool(JsonElement obj, string path, string name)
    {
        if (!TryGet(obj, path, name, required: false, out var value))
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Error(Child(path, name), $"expected true or false, found {Describe(value)}");
        return null;
    }

    public T? Enum<T>(JsonElement obj, string path, string name, bool required)
        where T : struct, Enum
    {
        var text = String(obj, path, name, required);
        if (text is null)
        {
            return null;
        }

        if (EnumText.TryParse<T>(text, out var parsed))
        {
            return parsed;
        }

        Error(Child(path, name), $"'{text}' is not one of: {string.Join(", ", EnumNames<T>())}");
        return null;
    }

    public static IEnumerable<string> EnumNames<T>()
        where T : struct, Enum => System.Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]);

    public IEnumerable<(JsonElement Item, string Path)> Items(JsonElement obj, string path, string name, bool required)
    {
        if (!TryGet(obj, path, name, required, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(Child(path, name), $"expected an array, found {Describe(value)}");
            return [];
        }

        var arrayPath = Child(path, name);
        return value.EnumerateArray().Select((item, i) => (item, Index(arrayPath, i))).ToList();
    }

    public IEnumerable<(string Name, JsonElement Value, string Path)> Map(JsonElement obj, string path, string name)
    {
        if (!TryGet(obj, path, name, required: false, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Error(Child(path, name), $"expected an object, found {Describe(value)}");
            return [];
        }

        var mapPath = Child(path, name);
        return value.EnumerateObject().Select(p => (p.Name, p.Value, Child(mapPath, p.Name))).ToList();
    }

    private static string Range(double min, double max) =>
        (min == double.MinValue, max == double.MaxValue) switch
        {
            (true, true) => "any number",
            (false, true) => $"at least {min}",
            (true, false) => $"at most {max}",
            _ => $"{min} to {max}",
        };

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"\"{element.GetString()}\"",
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => element.ValueKind.ToString().ToLowerInvariant(),
    };
}
