namespace ChildCare.Core.Domain;

/// <summary>A business rule refused a change; the message is meant for the user (Vietnamese).</summary>
public sealed class DomainException(string message) : Exception(message);
