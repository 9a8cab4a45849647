using System.Text;
using System.Text.RegularExpressions;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Infra;

/// <summary>
/// Reads the parts of a Bicep file the infra tests compare with the code by name: a variable's expression, its object
/// keys and values, its string items, and parameter defaults. It reads the few shapes infra/ uses on purpose (one key
/// per line, single-quoted strings); it is not a Bicep parser. What a deployment would contain is checked on the
/// compiled and evaluated templates instead (<see cref="InfraBuild"/>).
/// </summary>
internal sealed partial class BicepFile(string path, string text)
{
    public string Path { get; } = path;

    public string Text { get; } = text;

    public static BicepFile Load(params string[] relative)
    {
        var path = System.IO.Path.Combine([RepositoryRoot.Find(), "infra", .. relative]);
        return new BicepFile(path, File.ReadAllText(path));
    }

    /// <summary>The expression after <c>var name =</c>, up to the end of its balanced brackets.</summary>
    public string Variable(string name)
    {
        var match = Regex.Match(Text, $@"^var {Regex.Escape(name)} = ", RegexOptions.Multiline);
        Assert.True(match.Success, $"{Path} declares no 'var {name}'.");
        return Expression(match.Index + match.Length);
    }

    /// <summary>The default value text of <c>param name type = value</c>.</summary>
    public string ParamDefault(string name)
    {
        var match = Regex.Match(Text, $@"^param {Regex.Escape(name)} \w+ = (.+)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"{Path} declares no 'param {name}' with a default.");
        return match.Groups[1].Value.Trim();
    }

    /// <summary>The keys and value texts of every <c>key: value</c> line in an expression (comment lines skipped).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Entries(string expression) =>
        expression.Split('\n')
            .Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Select(line => EntryLine().Match(line))
            .Where(m => m.Success)
            .Select(m => KeyValuePair.Create(m.Groups["key"].Value, m.Groups["value"].Value.Trim()))
            .ToList();

    /// <summary>The single-quoted string items of an array expression.</summary>
    public static IReadOnlyList<string> StringItems(string expression) =>
        StringLiteral().Matches(expression).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The content of a string literal expression: <c>'...'</c> or <c>'''...'''</c>.</summary>
    public static string StringValue(string expression)
    {
        var e = expression.Trim();
        if (e.StartsWith("'''", StringComparison.Ordinal) && e.EndsWith("'''", StringComparison.Ordinal) && e.Length >= 6)
        {
            return e[3..^3];
        }

        Assert.True(e.Length >= 2 && e[0] == '\'' && e[^1] == '\'', $"Not a string literal: {e}");
        return e[1..^1].Replace("\\'", "'", StringComparison.Ordinal);
    }

    private string Expression(int start)
    {
        var depth = 0;
        var i = start;
        var sb = new StringBuilder();
        while (i < Text.Length)
        {
            if (Text.AsSpan(i).StartsWith("'''"))
            {
                var end = Text.IndexOf("'''", i + 3, StringComparison.Ordinal);
                Assert.True(end > 0, $"Unterminated ''' string in {Path}.");
                sb.Append(Text, i, end + 3 - i);
                i = end + 3;
                continue;
            }

            var c = Text[i];
            if (c == '\'')
            {
                var j = i + 1;
                while (j < Text.Length && Text[j] != '\'')
                {
                    j += Text[j] == '\\' ? 2 : 1;
                }

                sb.Append(Text, i, j + 1 - i);
                i = j + 1;
                continue;
            }

            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
            }
            else if (c == '\n' && depth == 0)
            {
                break;
            }

            sb.Append(c);
            i++;
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"^\s*'?(?<key>[A-Za-z_$][A-Za-z0-9_]*)'?\s*:\s*(?<value>.*)$")]
    private static partial Regex EntryLine();

    [GeneratedRegex(@"'([^'\\]*(?:\\.[^'\\]*)*)'")]
    private static partial Regex StringLiteral();
}
