namespace Integry.Sdk;

/// <summary>What a <see cref="PassthroughPolicy"/> decided about one call: allowed, or denied by a named rule.</summary>
public sealed class PolicyDecision
{
    private PolicyDecision(PolicyRule? rule, string? message)
    {
        Rule = rule;
        Message = message;
    }

    /// <summary>Gets the decision for a call every policy allows (or a client without a policy).</summary>
    public static PolicyDecision Allowed { get; } = new(null, null);

    /// <summary>Gets a value indicating whether the call may run.</summary>
    public bool IsAllowed => Rule is null;

    /// <summary>Gets the rule that denied the call, or <see langword="null"/> when it is allowed.</summary>
    public PolicyRule? Rule { get; }

    /// <summary>Gets why the call was denied, naming the rule; <see langword="null"/> when it is allowed.</summary>
    public string? Message { get; }

    /// <summary>Creates a denial.</summary>
    /// <param name="rule">The rule the call breaks.</param>
    /// <param name="message">Why, in words a developer (or a model) can act on.</param>
    /// <returns>The decision.</returns>
    public static PolicyDecision Deny(PolicyRule rule, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new PolicyDecision(rule, message);
    }

    /// <summary>Describes the decision.</summary>
    /// <returns><c>allowed</c>, or the rule and the message.</returns>
    public override string ToString() => IsAllowed ? "allowed" : $"denied ({Rule}): {Message}";
}
