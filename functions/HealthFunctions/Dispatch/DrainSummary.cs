namespace HealthFunctions.Dispatch;

/// <summary>What one DispatchPlaybooks run did with the subscription.</summary>
public sealed record DrainSummary(int Received, int Completed, int DeadLettered, int Abandoned, bool BudgetSpent);
