using System.Text;
using System.Text.Json.Serialization;
using Integry.Sdk.Serialization;

namespace Integry.Sdk;

/// <content>The rejected case.</content>
public abstract partial class Result
{
    /// <summary>The function did not run: Integry (or the local executor) refused it, and says why.</summary>
    /// <remarks>
    /// <see cref="Reason"/> tells the cases apart without reading the English texts. The static factories build the
    /// exact rejections the local executor and Integry produce, for tests of code that handles them.
    /// </remarks>
    [JsonConverter(typeof(ResultJsonConverter))]
    public sealed class Rejected : Result, IEquatable<Rejected>
    {
        private readonly RejectionReason? _reason;

        /// <summary>Creates a rejected result, for example in a test; <see cref="Reason"/> is worked out from the texts unless set.</summary>
        /// <param name="error">The summary (<c>error</c>).</param>
        /// <param name="errorDetails">The details (<c>error_details</c>), flattened to messages.</param>
        public Rejected(string error, IReadOnlyList<string> errorDetails)
        {
            ArgumentNullException.ThrowIfNull(error);
            ArgumentNullException.ThrowIfNull(errorDetails);
            Error = error;
            ErrorDetails = errorDetails;
        }

        /// <summary>Creates a rejected result whose details name the parameter each message is about (<see cref="Reason"/> is <see cref="RejectionReason.InvalidArguments"/> unless set).</summary>
        /// <param name="error">The summary (<c>error</c>).</param>
        /// <param name="fieldErrors">The message for each parameter, as Integry sends <c>error_details</c> for invalid arguments.</param>
        public Rejected(string error, IReadOnlyDictionary<string, string> fieldErrors)
            : this(error, FlattenFieldErrors(fieldErrors))
        {
            FieldErrors = fieldErrors;
        }

        /// <summary>Gets the summary of why the function did not run (<c>error</c>).</summary>
        public string Error { get; init; }

        /// <summary>Gets every detail message (<c>error_details</c>), flattened to a list whichever shape the wire used.</summary>
        public IReadOnlyList<string> ErrorDetails { get; }

        /// <summary>Gets the message for each parameter, when the wire sent <c>error_details</c> as an object; otherwise <see langword="null"/>.</summary>
        public IReadOnlyDictionary<string, string>? FieldErrors { get; }

        /// <summary>Gets why the function did not run, as a value to switch on.</summary>
        /// <remarks>
        /// Not part of the wire JSON: when not set, it is worked out from <see cref="Error"/> and
        /// <see cref="ErrorDetails"/> (Integry's texts), which is also how a result read with
        /// <see cref="Result.Parse(string)"/> or from Integry gets it. Not part of equality.
        /// </remarks>
        public RejectionReason Reason
        {
            get => _reason ?? Rejections.Infer(Error, ErrorDetails, FieldErrors is not null);
            init => _reason = value;
        }

        /// <summary>The rejection for a user who has not connected the app, as Integry and the local executor write it.</summary>
        /// <param name="app">The app's slug, for example <c>slack</c>.</param>
        /// <param name="appDisplayName">The app's name for people, for example <c>Slack</c>.</param>
        /// <returns>A rejection with <see cref="RejectionReason.NotConnected"/>.</returns>
        public static Rejected NotConnected(string app, string appDisplayName)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(app);
            ArgumentException.ThrowIfNullOrWhiteSpace(appDisplayName);
            return Rejections.NotConnected(appDisplayName, app);
        }

        /// <summary>The rejection for a user whose connection expired and could not be refreshed, as the local executor writes it.</summary>
        /// <param name="app">The app's slug, for example <c>slack</c>.</param>
        /// <param name="appDisplayName">The app's name for people, for example <c>Slack</c>.</param>
        /// <returns>A rejection with <see cref="RejectionReason.ReconnectRequired"/>.</returns>
        public static Rejected ReconnectRequired(string app, string appDisplayName)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(app);
            ArgumentException.ThrowIfNullOrWhiteSpace(appDisplayName);
            return Rejections.Reconnect(appDisplayName, app);
        }

        /// <summary>The rejection for a connected account id the user does not have, as the local executor writes it.</summary>
        /// <param name="app">The app's slug, for example <c>slack</c>.</param>
        /// <param name="appDisplayName">The app's name for people, for example <c>Slack</c>.</param>
        /// <param name="connectedAccountId">The account id that was asked for.</param>
        /// <returns>A rejection with <see cref="RejectionReason.AccountNotFound"/>.</returns>
        public static Rejected AccountNotFound(string app, string appDisplayName, string connectedAccountId)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(app);
            ArgumentException.ThrowIfNullOrWhiteSpace(appDisplayName);
            ArgumentException.ThrowIfNullOrWhiteSpace(connectedAccountId);
            return Rejections.AccountNotFound(appDisplayName, app, connectedAccountId);
        }

        /// <summary>The rejection for a stored credential of a kind the app does not take, as the local executor writes it.</summary>
        /// <param name="appDisplayName">The app's name for people, for example <c>Slack</c>.</param>
        /// <param name="credentialKind">The stored kind, as the executor names it: <c>bearer token</c>, <c>API key</c> or <c>Basic (user name and password)</c>.</param>
        /// <returns>A rejection with <see cref="RejectionReason.CredentialKindNotAccepted"/>.</returns>
        public static Rejected CredentialKindNotAccepted(string appDisplayName, string credentialKind)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(appDisplayName);
            ArgumentException.ThrowIfNullOrWhiteSpace(credentialKind);
            return Rejections.CredentialKindNotAccepted(appDisplayName, credentialKind);
        }

        /// <summary>The rejection for a function that does not exist, as the SDK returns it on both paths.</summary>
        /// <param name="functionName">The name that was asked for.</param>
        /// <returns>A rejection with <see cref="RejectionReason.FunctionNotFound"/>.</returns>
        public static Rejected FunctionNotFound(string functionName)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(functionName);
            return Rejections.FunctionNotFound(functionName);
        }

        /// <summary>The rejection for arguments that are not valid, with Integry's summary and one message per parameter.</summary>
        /// <param name="fieldErrors">The message for each parameter.</param>
        /// <returns>A rejection with <see cref="RejectionReason.InvalidArguments"/>.</returns>
        public static Rejected InvalidArguments(IReadOnlyDictionary<string, string> fieldErrors)
        {
            ArgumentNullException.ThrowIfNull(fieldErrors);
            return Rejections.InvalidArguments(fieldErrors);
        }

        /// <summary>The rejection for a call the client's passthrough policy does not allow.</summary>
        /// <param name="detail">What the policy refused.</param>
        /// <returns>A rejection with <see cref="RejectionReason.DeniedByPolicy"/>.</returns>
        public static Rejected DeniedByPolicy(string detail)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(detail);
            return Rejections.DeniedByPolicy(detail);
        }

        /// <summary>The rejection for a function the client has no executor for (it needs Integry's API and no app key and secret are set).</summary>
        /// <param name="functionName">The function's name.</param>
        /// <returns>A rejection with <see cref="RejectionReason.NoExecutor"/>.</returns>
        public static Rejected NoExecutor(string functionName)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(functionName);
            return Rejections.NoExecutor(functionName);
        }

        /// <summary>Compares two rejections by their wire JSON: error and details, in the shape the wire used.</summary>
        /// <param name="other">The other rejection.</param>
        /// <returns><see langword="true"/> when their wire JSON is equal.</returns>
        public bool Equals(Rejected? other) =>
            other is not null
            && string.Equals(Error, other.Error, StringComparison.Ordinal)
            && ErrorDetails.SequenceEqual(other.ErrorDetails, StringComparer.Ordinal)
            && FieldErrorsEqual(FieldErrors, other.FieldErrors);

        /// <inheritdoc />
        public override bool Equals(Result? other) => other is Rejected rejected && Equals(rejected);

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is Rejected rejected && Equals(rejected);

        /// <inheritdoc />
        public override int GetHashCode() => HashCode.Combine(Error, ErrorDetails.Count);

        /// <summary>Prints the reason, the error and the details.</summary>
        /// <returns>For example <c>Rejected { Reason = NotConnected, Error = …, ErrorDetails = [...] }</c>.</returns>
        public override string ToString() =>
            new StringBuilder("Rejected { Reason = ").Append(Reason)
                .Append(", Error = ").Append(Error)
                .Append(", ErrorDetails = [").AppendJoin("; ", ErrorDetails).Append("] }")
                .ToString();

        /// <summary>A copy whose texts went through <paramref name="redact"/>; the reason is the one the original texts give.</summary>
        internal Rejected Redact(Func<string, string> redact)
        {
            var reason = Reason;
            if (FieldErrors is { } fields)
            {
                var redacted = new Dictionary<string, string>(fields.Count, StringComparer.Ordinal);
                foreach (var (field, message) in fields)
                {
                    redacted[redact(field)] = redact(message);
                }

                return new Rejected(redact(Error), redacted) { Reason = reason };
            }

            return new Rejected(redact(Error), ErrorDetails.Select(redact).ToArray()) { Reason = reason };
        }

        private static bool FieldErrorsEqual(IReadOnlyDictionary<string, string>? left, IReadOnlyDictionary<string, string>? right)
        {
            if (left is null || right is null)
            {
                return left is null && right is null;
            }

            return left.Count == right.Count
                && left.All(pair => right.TryGetValue(pair.Key, out var message) && string.Equals(pair.Value, message, StringComparison.Ordinal));
        }

        private static string[] FlattenFieldErrors(IReadOnlyDictionary<string, string> fieldErrors)
        {
            ArgumentNullException.ThrowIfNull(fieldErrors);
            return fieldErrors.Select(pair => $"{pair.Key}: {pair.Value}").ToArray();
        }
    }
}
