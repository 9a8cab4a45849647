using System.Text;
using HealthFunctions.Errors;
using HealthFunctions.Outcomes;
using HealthScoring.Calibration;
using Xunit;

namespace HealthFunctions.Tests.Outcomes;

public sealed class OutcomeParserTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData("""{"accountId":"a1","date":"2026-10-01","outcome":"churned"}""")]
    [InlineData("""[{"accountId":"a1","date":"2026-10-01","outcome":"Churned"}]""")]
    [InlineData("""{"outcomes":[{"accountId":"a1","date":"2026-10-01T23:30:00Z","outcome":"churned","arrBefore":1200}]}""")]
    public void Parse_Json_AcceptsOneArrayOrWrapped(string body)
    {
        var outcome = Assert.Single(Parse(body, "application/json"));

        Assert.Equal(new RenewalOutcome("a1", new DateOnly(2026, 10, 1), OutcomeKind.Churned, outcome.ArrBefore), outcome);
        Assert.True(outcome.IsChurn);
    }

    [Fact]
    public void Parse_Json_ListsEveryBadItemByIndexAndField()
    {
        var body = """{"outcomes":[{"accountId":"ok","date":"2026-10-01","outcome":"renewed"},{"accountId":"a/b","date":"2027-01-01","outcome":"gone","arrAfter":-1},{"date":"2026-10-01"}]}""";

        var e = Assert.Throws<RequestValidationException>(() => Parse(body, "application/json"));

        Assert.Equal(
            ["outcomes[1].accountId", "outcomes[1].date", "outcomes[1].outcome", "outcomes[1].arrAfter", "outcomes[2].accountId", "outcomes[2].outcome"],
            e.Errors.Select(x => x.Field));
    }

    [Fact]
    public void Parse_Csv_ReadsQuotedFieldsCommasAndDoubledQuotes_InAnyColumnOrder()
    {
        var csv = "\uFEFFoutcome,accountId,date,arrAfter\r\nexpanded,\"acme, \"\"inc\"\"\",2026-09-30,15000\r\n\r\ncontracted,beta,2026-09-01,\n";

        var outcomes = Parse(csv, "text/csv; charset=utf-8");

        Assert.Equal(2, outcomes.Count);
        Assert.Equal(new RenewalOutcome("acme, \"inc\"", new DateOnly(2026, 9, 30), OutcomeKind.Expanded, null, 15000), outcomes[0]);
        Assert.Equal(OutcomeKind.Contracted, outcomes[1].Kind);
        Assert.Null(outcomes[1].ArrAfter);
    }

    [Fact]
    public void Parse_Csv_WithALineBreakInsideQuotes_CountsLinesForErrors()
    {
        var csv = "accountId,date,outcome\n\"multi\nline\",2026-09-30,renewed\nb,2026-09-30,bad\n";

        var e = Assert.Throws<RequestValidationException>(() => Parse(csv, "text/csv"));

        // The id with a line break is refused too (control character); the next record starts on line 4.
        Assert.Equal(["line 2.accountId", "line 4.outcome"], e.Errors.Select(x => x.Field));
    }

    [Theory]
    [InlineData("date,outcome\n2026-01-01,renewed\n", "line 1.accountId")]
    [InlineData("accountId,date,outcome,notes\na,2026-01-01,renewed,x\n", "line 1.notes")]
    [InlineData("accountId,date,outcome\na,2026-01-01\n", "line 2")]
    [InlineData("accountId,date,outcome\n\"a,2026-01-01,renewed\n", "line 2")]
    [InlineData("accountId,date,outcome\n", "$")]
    public void Parse_Csv_RejectsBadHeadersAndShapes(string csv, string field)
    {
        var e = Assert.Throws<RequestValidationException>(() => Parse(csv, "text/csv"));

        Assert.Contains(field, e.Errors.Select(x => x.Field));
    }

    [Theory]
    [InlineData("contracted, churned")]
    [InlineData("churned,renewed")]
    [InlineData("renewed | churned")]
    [InlineData("churned ")]
    [InlineData("2")]
    [InlineData("Churned, Expanded")]
    public void Parse_OutcomeThatIsNotExactlyOneName_IsRefused_NotReadAsAFlagCombination(string outcome)
    {
        var json = $$"""{"accountId":"a1","date":"2026-10-01","outcome":"{{outcome}}"}""";
        var csv = $"accountId,date,outcome\na1,2026-10-01,\"{outcome}\"\n";

        var fromJson = Assert.Throws<RequestValidationException>(() => Parse(json, "application/json"));
        Assert.Equal(["outcome"], fromJson.Errors.Select(x => x.Field));
        if (outcome.Trim() != outcome)
        {
            return; // CSV fields are trimmed, so "churned " is the exact name there
        }

        var fromCsv = Assert.Throws<RequestValidationException>(() => Parse(csv, "text/csv"));
        Assert.Equal(["line 2.outcome"], fromCsv.Errors.Select(x => x.Field));
    }

    [Theory]
    [InlineData("renewed", OutcomeKind.Renewed)]
    [InlineData("CHURNED", OutcomeKind.Churned)]
    [InlineData("Contracted", OutcomeKind.Contracted)]
    [InlineData("expanded", OutcomeKind.Expanded)]
    public void Parse_OutcomeName_IsMatchedWhole_InAnyCase(string outcome, OutcomeKind kind) =>
        Assert.Equal(kind, Assert.Single(Parse($$"""{"accountId":"a1","date":"2026-10-01","outcome":"{{outcome}}"}""", "application/json")).Kind);

    [Fact]
    public void CsvTable_ReadsRfc4180()
    {
        var records = CsvTable.Read("a,\"b,c\",\"d\"\"e\"\r\n,,\r\n\"x\ny\"");

        Assert.Equal(["a", "b,c", "d\"e"], records[0].Fields);
        Assert.Equal(["", "", ""], records[1].Fields);
        Assert.Equal(["x\ny"], records[2].Fields);
        Assert.Equal(3, records[2].Line);
    }

    private static IReadOnlyList<RenewalOutcome> Parse(string body, string contentType) =>
        OutcomeParser.Parse(Encoding.UTF8.GetBytes(body), contentType, Today);
}
