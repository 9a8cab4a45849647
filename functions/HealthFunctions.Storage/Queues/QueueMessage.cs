namespace HealthFunctions.Storage.Queues;

/// <summary>A received queue message; <see cref="DequeueCount"/> counts deliveries, including this one.</summary>
public sealed record QueueMessage(string MessageId, string PopReceipt, long DequeueCount, DateTimeOffset InsertedOn, BinaryData Body);
