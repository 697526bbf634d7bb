using Integry.Sdk.Passthrough;
using Integry.Sdk.Policy;
using Integry.Sdk.Serialization;

namespace Integry.Sdk;

/// <summary>The client's policies: checked before a call is routed, and explained without sending anything.</summary>
public partial class IntegryClient
{
    // Policies added with WithPolicy, on top of IntegryClientOptions.Policy; a call must pass every one of them.
    private PassthroughPolicy[] _policies = [];

    /// <summary>Gets the policies a call of this client must pass: <see cref="IntegryClientOptions.Policy"/> and every <see cref="WithPolicy"/>; empty when every call may run.</summary>
    /// <remarks>Tool bridges use it to list only what may be called; each call is checked again in full.</remarks>
    public virtual IReadOnlyList<PassthroughPolicy> Policies =>
        _core?.Options.Policy is { } configured ? [configured, .. _policies] : _policies;

    /// <summary>
    /// Gets a client that shares everything with this one and may call only what <paramref name="policy"/> allows, on
    /// top of the policies this client already has: a policy narrows, it never widens. <see cref="ForUser"/> keeps it.
    /// </summary>
    /// <param name="policy">What the new client may call.</param>
    /// <returns>The client with the policy; on a mock (built with the protected constructor), this instance.</returns>
    public virtual IntegryClient WithPolicy(PassthroughPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (_core is null)
        {
            return this;
        }

        return new IntegryClient(_core, _userId) { _policies = [.. _policies, policy] };
    }

    /// <summary>
    /// Works out what <see cref="PassthroughAsync(string, PassthroughRequest, InvokeFunctionOptions?, CancellationToken)"/> would do,
    /// without sending anything: the app, account, method, final URL, where the credential goes (its value redacted),
    /// the headers, the policy's decision, whether a failure would be retried, and the rejection the call would get.
    /// </summary>
    /// <remarks>With a local executor the credential provider is asked for the credential (for its kind and tenant
    /// facts) unless the policy denies the call; no secret is kept in the plan. Nothing is refreshed or sent. The lookup ends
    /// as the call's would: an unknown account or a provider that says the user must reconnect is the plan's
    /// <see cref="PassthroughPlan.Rejection"/>, a provider that fails or outlives <see cref="PassthroughOptions.Timeout"/> is an
    /// <see cref="IntegryException"/>.</remarks>
    /// <param name="app">The app's slug, such as <c>hubspot</c>.</param>
    /// <param name="request">The request to the app.</param>
    /// <param name="options">The call's options (connected account, <c>_variables</c>); <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the credential lookup.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentException">The app, the request or the options are not valid.</exception>
    /// <exception cref="InvalidOperationException">The client has no user: call <see cref="ForUser"/>.</exception>
    /// <exception cref="IntegryException">The local executor's credential provider failed or did not answer in time (<see cref="IntegryErrorKind.CredentialProvider"/>), as the call would.</exception>
    public virtual async Task<PassthroughPlan> ExplainAsync(string app, PassthroughRequest request, InvokeFunctionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ValidateAppName(app);
        ArgumentNullException.ThrowIfNull(request);
        var invocation = CreateInvocation(PassthroughFunctionName.For(app), request.ToArguments(), options);
        var decision = EvaluatePolicies(invocation);
        if (_core.Passthrough is { } local)
        {
            return await local.PlanAsync(invocation, decision, cancellationToken).ConfigureAwait(false);
        }

        return PassthroughPlanner.Remote(invocation, request, decision, AppCatalog.BuiltIn);
    }

    /// <summary>The hook of the invoke path: the denial when a policy refuses the call, before any executor or credential is involved.</summary>
    private Result.Rejected? DenyByPolicy(FunctionInvocation invocation)
    {
        var decision = EvaluatePolicies(invocation);
        return decision.IsAllowed ? null : PolicyRejection.From(decision);
    }

    private PolicyDecision EvaluatePolicies(FunctionInvocation invocation)
    {
        var configured = _core.Options.Policy;
        if (configured is null && _policies.Length == 0)
        {
            return PolicyDecision.Allowed;
        }

        return EvaluateConfiguredPolicies(invocation, configured);
    }

    /// <summary>Its own method: the lambda's closure would otherwise be allocated on every call, with no policy too.</summary>
    private PolicyDecision EvaluateConfiguredPolicies(FunctionInvocation invocation, PassthroughPolicy? configured)
    {
        var hasVariables = invocation.Variables is not null || invocation.Arguments.TryGetProperty(WireNames.Variables, out _);
        var catalog = _core.Passthrough?.Catalog ?? AppCatalog.BuiltIn;
        Func<string, Uri?> baseUrlOf = app => PolicyPath.BaseUrlOf(catalog, app);
        if (configured is not null && configured.Evaluate(invocation.FunctionName, invocation.Arguments, hasVariables, baseUrlOf) is { IsAllowed: false } denied)
        {
            return denied;
        }

        foreach (var policy in _policies)
        {
            var decision = policy.Evaluate(invocation.FunctionName, invocation.Arguments, hasVariables, baseUrlOf);
            if (!decision.IsAllowed)
            {
                return decision;
            }
        }

        return PolicyDecision.Allowed;
    }
}
