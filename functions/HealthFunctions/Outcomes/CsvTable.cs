using System.Text;
using HealthFunctions.Errors;

namespace HealthFunctions.Outcomes;

/// <summary>
/// A small RFC 4180 reader: comma-separated fields, double-quoted fields may hold commas, line breaks and doubled
/// quotes; CRLF or LF line ends; a header row. Each record keeps the line number it starts on, for error messages.
/// </summary>
public static class CsvTable
{
    /// <summary>The records of <paramref name="text"/> (header included), skipping blank lines.</summary>
    public static IReadOnlyList<CsvRecord> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var fieldStarted = false;
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            i = 1;
        }

        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0 && !fieldStarted:
                    quoted = true;
                    fieldStarted = true;
                    break;
                case '"':
                    throw new RequestValidationException($"line {line}", "a quote may only open a field; write quotes inside a quoted field as \"\".");
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\r' or '\n':
                    EndRecord(records, fields, field, recordLine, ref fieldStarted);
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    break;
            }
        }

        if (quoted)
        {
            throw new RequestValidationException($"line {recordLine}", "a quoted field is not closed.");
        }

        EndRecord(records, fields, field, recordLine, ref fieldStarted);
        return records;
    }

    private static void EndRecord(List<CsvRecord> records, List<string> fields, StringBuilder field, int line, ref bool fieldStarted)
    {
        if (fields.Count > 0 || field.Length > 0 || fieldStarted)
        {
            fields.Add(field.ToString());
            records.Add(new CsvRecord(line, [.. fields]));
        }

        fields.Clear();
        field.Clear();
        fieldStarted = false;
    }
}
