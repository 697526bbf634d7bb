namespace Integry.Sdk;

/// <summary>One executed function call, as the call log keeps it. Holds no credential: the URL is redacted.</summary>
public sealed record FunctionCallRecord
{
    /// <summary>Gets when the call started.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets how long the call took.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Gets the end user the call was made for.</summary>
    public required string UserId { get; init; }

    /// <summary>Gets the function that ran.</summary>
    public required string FunctionName { get; init; }

    /// <summary>Gets the app's slug.</summary>
    public required string App { get; init; }

    /// <summary>Gets the connected account used, when known.</summary>
    public string? ConnectedAccountId { get; init; }

    /// <summary>Gets the HTTP method of the onward call.</summary>
    public required string Method { get; init; }

    /// <summary>Gets the onward call's URL, with credentials and secret-looking query values masked.</summary>
    public required string Url { get; init; }

    /// <summary>Gets the onward call's HTTP status.</summary>
    public required int NetworkCode { get; init; }
}
