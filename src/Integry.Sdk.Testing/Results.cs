using System.Text.Json;

namespace Integry.Sdk.Testing;

/// <summary>
/// Builds the <see cref="Result"/>s a mocked <see cref="IntegryClient"/> returns in unit tests. Rejections come from the
/// core's own factories (<see cref="Result.Rejected.NotConnected"/> and the rest), so they carry the exact texts and
/// <see cref="Result.Rejected.Reason"/> the local executor and Integry produce; this class adds the display names of
/// the built-in catalog and JSON text for outputs.
/// </summary>
public static class Results
{
    /// <summary>An executed call whose app answered 200 with a JSON body.</summary>
    /// <param name="json">The app's response body as JSON text.</param>
    /// <returns>The result.</returns>
    /// <exception cref="JsonException"><paramref name="json"/> is not JSON.</exception>
    public static Result.Executed Executed(string json) => Executed(200, json);

    /// <summary>An executed call whose app answered with a status and a JSON body (a non-2xx status is still executed).</summary>
    /// <param name="networkCode">The app's HTTP status.</param>
    /// <param name="json">The app's response body as JSON text.</param>
    /// <returns>The result.</returns>
    /// <exception cref="JsonException"><paramref name="json"/> is not JSON.</exception>
    public static Result.Executed Executed(int networkCode, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        return new Result.Executed(networkCode, document.RootElement.Clone());
    }

    /// <summary>The rejection for a user who has not connected an app of the built-in catalog.</summary>
    /// <param name="app">The app's slug, such as <c>slack</c>; for other apps use <see cref="Result.Rejected.NotConnected"/> with the display name.</param>
    /// <returns>A rejection with <see cref="RejectionReason.NotConnected"/>.</returns>
    public static Result.Rejected NotConnected(string app) => Result.Rejected.NotConnected(app, DisplayNameOf(app));

    /// <summary>The rejection for a connection of a built-in app whose authorization expired and could not be refreshed.</summary>
    /// <param name="app">The app's slug.</param>
    /// <returns>A rejection with <see cref="RejectionReason.ReconnectRequired"/>.</returns>
    public static Result.Rejected ReconnectRequired(string app) => Result.Rejected.ReconnectRequired(app, DisplayNameOf(app));

    /// <summary>The rejection for a connected account id the user does not have, for a built-in app.</summary>
    /// <param name="app">The app's slug.</param>
    /// <param name="connectedAccountId">The account id that was asked for.</param>
    /// <returns>A rejection with <see cref="RejectionReason.AccountNotFound"/>.</returns>
    public static Result.Rejected AccountNotFound(string app, string connectedAccountId) => Result.Rejected.AccountNotFound(app, DisplayNameOf(app), connectedAccountId);

    /// <summary>The rejection for a function name that does not exist.</summary>
    /// <param name="functionName">The function's name.</param>
    /// <returns>A rejection with <see cref="RejectionReason.FunctionNotFound"/>.</returns>
    public static Result.Rejected FunctionNotFound(string functionName) => Result.Rejected.FunctionNotFound(functionName);

    /// <summary>The rejection for one argument that does not match the function's parameters.</summary>
    /// <param name="parameter">The parameter's name.</param>
    /// <param name="message">What is wrong with it.</param>
    /// <returns>A rejection with <see cref="RejectionReason.InvalidArguments"/>.</returns>
    public static Result.Rejected InvalidArguments(string parameter, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parameter);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return Result.Rejected.InvalidArguments(new Dictionary<string, string>(StringComparer.Ordinal) { [parameter] = message });
    }

    /// <summary>The rejection for a call the client's passthrough policy does not allow.</summary>
    /// <param name="detail">What the policy refused.</param>
    /// <returns>A rejection with <see cref="RejectionReason.DeniedByPolicy"/>.</returns>
    public static Result.Rejected DeniedByPolicy(string detail) => Result.Rejected.DeniedByPolicy(detail);

    private static string DisplayNameOf(string app)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(app);
        return AppCatalog.BuiltIn.TryGetApp(app, out var definition)
            ? definition.DisplayName
            : throw new ArgumentException($"'{app}' is not in the built-in catalog: use Result.Rejected with its display name.", nameof(app));
    }
}
