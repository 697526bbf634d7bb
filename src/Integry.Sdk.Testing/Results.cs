using System.Text.Json;

namespace Integry.Sdk.Testing;

/// <summary>
/// Builds the <see cref="Result"/>s a mocked <see cref="IntegryClient"/> returns in unit tests, with the exact texts
/// the local executor and Integry produce, so code that reads a rejection is tested against the real wording.
/// </summary>
public static class Results
{
    // Integry's own texts (Rejections in the core); a test in this package checks them against the executor.
    private const string InvalidInput = "Could not call the function due to invalid input. Please see `error_details` for further information.";

    /// <summary>An executed call whose app answered with a JSON body.</summary>
    /// <param name="json">The app's response body as JSON text.</param>
    /// <param name="networkCode">The app's HTTP status (200 by default).</param>
    /// <returns>The result.</returns>
    /// <exception cref="JsonException"><paramref name="json"/> is not JSON.</exception>
    public static Result.Executed Executed(string json, int networkCode = 200)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        return new Result.Executed(networkCode, document.RootElement.Clone());
    }

    /// <summary>An executed call whose app answered with a JSON value.</summary>
    /// <param name="output">The app's response body.</param>
    /// <param name="networkCode">The app's HTTP status (200 by default).</param>
    /// <returns>The result.</returns>
    public static Result.Executed Executed(JsonElement output, int networkCode = 200) => new(networkCode, output);

    /// <summary>The rejection for a user who has not connected the app, as the executor and Integry word it.</summary>
    /// <param name="app">The app's slug, such as <c>slack</c>; its display name comes from the built-in catalog.</param>
    /// <returns>The result.</returns>
    public static Result.Rejected NotConnected(string app) => NotConnected(app, DisplayNameOf(app));

    /// <summary>The rejection for a user who has not connected the app, for an app outside the built-in catalog.</summary>
    /// <param name="app">The app's slug.</param>
    /// <param name="displayName">The app's display name, as its <see cref="AppDefinition.DisplayName"/>.</param>
    /// <returns>The result.</returns>
    public static Result.Rejected NotConnected(string app, string displayName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(app);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        return new(InvalidInput, [$"User has not connected their {displayName} account. To connect an account, please call following SDK method: `connectApp('{app}')`"]);
    }

    /// <summary>The rejection for a connection whose authorization expired and could not be refreshed.</summary>
    /// <param name="app">The app's slug; its display name comes from the built-in catalog.</param>
    /// <returns>The result.</returns>
    public static Result.Rejected ReconnectRequired(string app) => ReconnectRequired(app, DisplayNameOf(app));

    /// <summary>The rejection for a connection whose authorization expired and could not be refreshed.</summary>
    /// <param name="app">The app's slug.</param>
    /// <param name="displayName">The app's display name.</param>
    /// <returns>The result.</returns>
    public static Result.Rejected ReconnectRequired(string app, string displayName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(app);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        return new(InvalidInput, [$"The user's {displayName} authorization has expired and could not be refreshed. Ask the user to reconnect their account: `connectApp('{app}')`"]);
    }

    /// <summary>The rejection for a function name Integry does not know.</summary>
    /// <param name="functionName">The function's name.</param>
    /// <returns>The result.</returns>
    public static Result.Rejected FunctionNotFound(string functionName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName);
        return new("Function not found", [$"There is no function named '{functionName}'."]);
    }

    /// <summary>The rejection for arguments that do not match the function's parameters.</summary>
    /// <param name="fieldErrors">The message for each parameter.</param>
    /// <returns>The result.</returns>
    public static Result.Rejected InvalidArguments(IReadOnlyDictionary<string, string> fieldErrors)
    {
        ArgumentNullException.ThrowIfNull(fieldErrors);
        return new(InvalidInput, fieldErrors);
    }

    /// <summary>The rejection for one argument that does not match the function's parameters.</summary>
    /// <param name="parameter">The parameter's name.</param>
    /// <param name="message">What is wrong with it.</param>
    /// <returns>The result.</returns>
    public static Result.Rejected InvalidArguments(string parameter, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parameter);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return InvalidArguments(new Dictionary<string, string>(StringComparer.Ordinal) { [parameter] = message });
    }

    private static string DisplayNameOf(string app)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(app);
        return AppCatalog.BuiltIn.TryGetApp(app, out var definition)
            ? definition.DisplayName
            : throw new ArgumentException($"'{app}' is not in the built-in catalog: pass its display name too.", nameof(app));
    }
}
