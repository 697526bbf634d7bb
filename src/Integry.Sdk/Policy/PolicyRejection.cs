namespace Integry.Sdk.Policy;

/// <summary>The rejection of a call a policy denies: one summary, and a detail naming the rule so a caller (or a model) can correct the call.</summary>
internal static class PolicyRejection
{
    public static Result.Rejected From(PolicyDecision decision) =>
        Rejections.DeniedByPolicy($"Denied by policy (rule: {RuleName(decision.Rule!.Value)}). {decision.Message}");

    /// <summary>The rule's name as the policy's parameter spells it, so a developer finds the setting to change.</summary>
    public static string RuleName(PolicyRule rule) => rule switch
    {
        PolicyRule.Apps => "apps",
        PolicyRule.Functions => "functions",
        PolicyRule.Methods => "methods",
        PolicyRule.ReadOnly => "readOnly",
        PolicyRule.PathPrefixes => "pathPrefixes",
        _ => "canonicalPath",
    };
}
