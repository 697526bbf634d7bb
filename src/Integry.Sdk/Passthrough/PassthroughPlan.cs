using System.Text;

namespace Integry.Sdk;

/// <summary>
/// What a passthrough would do, worked out by <see cref="IntegryClient.ExplainAsync"/> without sending anything. It
/// never holds a secret: credential values are shown as <c>***</c>.
/// </summary>
public sealed class PassthroughPlan
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the app's slug.</summary>
    public required string App { get; init; }

    /// <summary>Gets the passthrough function's name (<c>&lt;app&gt;-passthrough-request</c>).</summary>
    public required string FunctionName { get; init; }

    /// <summary>Gets the end user the call is for.</summary>
    public required string UserId { get; init; }

    /// <summary>Gets the connected account the call would use: the one asked for, or the one the credential provider chose; <see langword="null"/> when unknown.</summary>
    public string? ConnectedAccountId { get; init; }

    /// <summary>Gets a value indicating whether the call would run in this process (<see cref="PassthroughExecutor"/>) rather than at Integry.</summary>
    public bool RunsLocally { get; init; }

    /// <summary>Gets the HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>Gets the URL the request would go to, with the credential's query parameters masked; the URL as given when it could not be resolved, or when Integry resolves it.</summary>
    public required string Url { get; init; }

    /// <summary>Gets the kind of the stored credential (<c>BearerToken</c>, <c>ApiKey</c>, <c>Basic</c>, <c>Custom</c>), when it was looked up.</summary>
    public string? CredentialKind { get; init; }

    /// <summary>Gets where the credential would go, each value redacted.</summary>
    public IReadOnlyList<PlannedCredentialPlacement> CredentialPlacements { get; init; } = [];

    /// <summary>Gets the headers that would be sent, credential values redacted; empty when Integry sends the request.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = NoHeaders;

    /// <summary>Gets what the client's policies decide about the call.</summary>
    public required PolicyDecision Policy { get; init; }

    /// <summary>Gets a value indicating whether the stored credential is about to expire and would be refreshed before sending.</summary>
    /// <remarks>A plan never refreshes: it is worked out with the stored credential, so whether the refresh would succeed,
    /// or the user would be asked to reconnect, is known only when the call runs.</remarks>
    public bool WouldRefreshCredential { get; init; }

    /// <summary>Gets a value indicating whether a transient failure (a lost connection, 408, 429, 5xx) would be retried for this method.</summary>
    public bool WouldRetry { get; init; }

    /// <summary>Gets how many retries a transient failure could get at most (0 when <see cref="WouldRetry"/> is <see langword="false"/>).</summary>
    public int MaxRetries { get; init; }

    /// <summary>Gets the rejection the call would get without reaching the app (policy, arguments, connection, URL), or <see langword="null"/> when it would be sent.</summary>
    public Result.Rejected? Rejection { get; init; }

    /// <summary>Gets a value indicating whether the request would be sent to the app.</summary>
    public bool WouldSend => Rejection is null;

    /// <summary>The same plan, refused: what a call would be answered instead of being sent.</summary>
    internal PassthroughPlan WithRejection(Result.Rejected rejection) => new()
    {
        App = App,
        FunctionName = FunctionName,
        UserId = UserId,
        ConnectedAccountId = ConnectedAccountId,
        RunsLocally = RunsLocally,
        Method = Method,
        Url = Url,
        CredentialKind = CredentialKind,
        CredentialPlacements = CredentialPlacements,
        Headers = Headers,
        Policy = Policy,
        WouldRefreshCredential = WouldRefreshCredential,
        WouldRetry = WouldRetry,
        MaxRetries = MaxRetries,
        Rejection = rejection,
    };

    /// <summary>Writes the plan for people to read.</summary>
    /// <returns>One fact per line.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Method).Append(' ').Append(Url).Append(" (").Append(App).Append(", user ").Append(UserId);
        text.Append(ConnectedAccountId is null ? string.Empty : ", account " + ConnectedAccountId).Append(RunsLocally ? ", runs locally" : ", runs at Integry").AppendLine(")");
        text.Append("policy: ").AppendLine(Policy.ToString());
        if (CredentialKind is not null)
        {
            text.Append("credential: ").Append(CredentialKind);
            foreach (var placement in CredentialPlacements)
            {
                text.Append("; ").Append(placement);
            }

            text.AppendLine(WouldRefreshCredential ? " (would be refreshed first)" : string.Empty);
        }

        foreach (var (name, value) in Headers)
        {
            text.Append("header: ").Append(name).Append(": ").AppendLine(value);
        }

        text.Append("retried on transient failures: ").AppendLine(WouldRetry ? $"yes, up to {MaxRetries} times" : "no");
        text.Append(Rejection is null ? "would be sent" : "would be rejected: " + string.Join(" ", Rejection.ErrorDetails));
        return text.ToString();
    }
}

/// <summary>Where a credential value would go on a planned request; the value is redacted.</summary>
public sealed class PlannedCredentialPlacement
{
    /// <summary>Creates a placement.</summary>
    /// <param name="location">A header, a query parameter or a member of the JSON body.</param>
    /// <param name="name">The header, parameter or member name.</param>
    /// <param name="redactedValue">The value as it would be written, every secret replaced by <c>***</c>.</param>
    public PlannedCredentialPlacement(CredentialLocation location, string name, string redactedValue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(redactedValue);
        Location = location;
        Name = name;
        RedactedValue = redactedValue;
    }

    /// <summary>Gets whether the value goes in a header, in the query or in the JSON body.</summary>
    public CredentialLocation Location { get; }

    /// <summary>Gets the header, parameter or body member name.</summary>
    public string Name { get; }

    /// <summary>Gets the value as it would be written, with every secret replaced by <c>***</c> (<c>Bearer ***</c>).</summary>
    public string RedactedValue { get; }

    /// <summary>Describes the placement.</summary>
    /// <returns>Such as <c>header Authorization: Bearer ***</c>, <c>query api_token=***</c> or <c>body member api_key: ***</c>.</returns>
    public override string ToString() => Location switch
    {
        CredentialLocation.Header => $"header {Name}: {RedactedValue}",
        CredentialLocation.Query => $"query {Name}={RedactedValue}",
        _ => $"body member {Name}: {RedactedValue}",
    };
}
