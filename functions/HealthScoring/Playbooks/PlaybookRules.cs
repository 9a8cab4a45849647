namespace HealthScoring;

/// <summary>
/// Maps transitions to playbook tasks; part of the model (<c>"playbooks"</c>). A model without the section uses
/// <see cref="Default"/>, the rules of the shipped default model.
/// </summary>
public sealed class PlaybookRules
{
    /// <summary>Creates rule set from rules evaluated in order.</summary>
    public PlaybookRules(IReadOnlyList<PlaybookRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules;
        DwellRules = rules.Where(r => r.Dwell is not null).ToList();
    }

    /// <summary>The default model's rules: red-recovery, yellow-adoption, green-expansion.</summary>
    public static PlaybookRules Default => DefaultModels.Default.Playbooks;

    /// <summary>The rules, in order.</summary>
    public IReadOnlyList<PlaybookRule> Rules { get; }

    /// <summary>The rules with a dwell trigger, in order.</summary>
    public IReadOnlyList<PlaybookRule> DwellRules { get; }

    /// <summary>The tasks of every matching rule (kind, tier and cause; a dwell only its own rule), in rule order then task order.</summary>
    public IReadOnlyList<PlaybookTask> Match(Transition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var tasks = new List<PlaybookTask>();
        foreach (var rule in Rules)
        {
            if (rule.Matches(transition))
            {
                tasks.AddRange(rule.Tasks);
            }
        }

        return tasks;
    }
}
