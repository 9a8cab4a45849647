namespace CalibrationBench;

/// <summary>One column of a public dataset: a number, or a factor whose levels are posted as codes.</summary>
/// <param name="Name">Column name in the CSV (also the signal's name, lower-cased).</param>
/// <param name="Levels">The factor's levels in the package's order; null for a number.</param>
/// <param name="FirstCode">The code of the first level (1; 0 for a yes/no factor read by a boolean normalizer).</param>
internal sealed record ColumnSpec(string Name, string[]? Levels = null, int FirstCode = 1)
{
    public string Signal => Name.ToLowerInvariant();

    /// <summary>The code posted for a level, or null for an unknown or missing one.</summary>
    public double? Code(string text) => Levels is null ? null : Array.IndexOf(Levels, text) is >= 0 and var i ? i + FirstCode : null;
}

/// <summary>A public dataset with a binary outcome, and how it becomes accounts, signals and renewal outcomes.</summary>
/// <param name="Name">The dataset's name in the R package modeldata (the CSV is NAME.csv).</param>
/// <param name="Outcome">The outcome column.</param>
/// <param name="Positive">The outcome level that counts as churn.</param>
/// <param name="Segment">The factor column that becomes the account's segment.</param>
/// <param name="Columns">Every predictor column (the segment column included).</param>
internal sealed record DatasetSpec(string Name, string Outcome, string Positive, string Segment, ColumnSpec[] Columns)
{
    public static DatasetSpec CreditData { get; } = new("credit_data", "Status", "bad", "Job",
    [
        new("Seniority"), new("Home", ["ignore", "other", "owner", "parents", "priv", "rent"]), new("Time"), new("Age"),
        new("Marital", ["divorced", "married", "separated", "single", "widow"]), new("Records", ["no", "yes"], FirstCode: 0),
        new("Job", ["fixed", "freelance", "others", "partime"]), new("Expenses"), new("Income"), new("Assets"), new("Debt"),
        new("Amount"), new("Price"),
    ]);

    public static DatasetSpec LendingClub { get; } = new("lending_club", "Class", "bad", "term",
    [
        new("funded_amnt"), new("term", ["term_36", "term_60"]), new("int_rate"),
        new("sub_grade", [.. "ABCDEFG".SelectMany(g => Enumerable.Range(1, 5).Select(i => $"{g}{i}"))]),
        new("addr_state", "AK,AL,AR,AZ,CA,CO,CT,DC,DE,FL,GA,HI,ID,IL,IN,KS,KY,LA,MA,MD,ME,MI,MN,MO,MS,MT,NC,ND,NE,NH,NJ,NM,NV,NY,OH,OK,OR,PA,RI,SC,SD,TN,TX,UT,VA,VT,WA,WI,WV,WY".Split(',')),
        new("verification_status", ["Not_Verified", "Source_Verified", "Verified"]), new("annual_inc"),
        new("emp_length", ["emp_lt_1", "emp_1", "emp_ge_10", "emp_2", "emp_3", "emp_4", "emp_5", "emp_6", "emp_7", "emp_8", "emp_9", "emp_unk"]),
        new("delinq_2yrs"), new("inq_last_6mths"), new("revol_util"), new("acc_now_delinq"), new("open_il_6m"), new("open_il_12m"),
        new("open_il_24m"), new("total_bal_il"), new("all_util"), new("inq_fi"), new("inq_last_12m"), new("delinq_amnt"), new("num_il_tl"),
        new("total_il_high_credit_limit"),
    ]);

    public string ModelFile => Path.Combine(AppContext.BaseDirectory, "Models", $"{Name}.json");
}
