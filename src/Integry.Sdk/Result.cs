using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Integry.Sdk.Serialization;

namespace Integry.Sdk;

/// <summary>
/// The outcome of a function call: exactly one of <see cref="Executed"/> (the function ran and made its onward
/// call, whatever that call's status) or <see cref="Rejected"/> (Integry, or the local executor, did not run it).
/// </summary>
/// <remarks>
/// Two results are equal when their wire JSON is equal: <see cref="Executed.Output"/> is compared as JSON, and
/// transport metadata (credits, session id, response headers) is left out. Serialising a result with
/// <see cref="ToJson"/> produces Integry's exact wire shape.
/// </remarks>
[JsonConverter(typeof(ResultJsonConverter))]
public abstract record Result
{
    private protected Result()
    {
    }

    /// <summary>Gets a value indicating whether the function ran (the result is <see cref="Executed"/>).</summary>
    public bool IsExecuted => this is Executed;

    /// <summary>Gets the executed case when the function ran.</summary>
    /// <param name="executed">The executed case, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the function ran.</returns>
    public bool TryGetExecuted([NotNullWhen(true)] out Executed? executed) => (executed = this as Executed) is not null;

    /// <summary>Gets the rejected case when the function did not run.</summary>
    /// <param name="rejected">The rejected case, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the function was rejected.</returns>
    public bool TryGetRejected([NotNullWhen(true)] out Rejected? rejected) => (rejected = this as Rejected) is not null;

    /// <summary>Maps the result to a value, calling exactly one of the two functions.</summary>
    /// <typeparam name="TResult">The type of the value.</typeparam>
    /// <param name="onExecuted">Called when the function ran.</param>
    /// <param name="onRejected">Called when the function did not run.</param>
    /// <returns>What the called function returned.</returns>
    public TResult Match<TResult>(Func<Executed, TResult> onExecuted, Func<Rejected, TResult> onRejected)
    {
        ArgumentNullException.ThrowIfNull(onExecuted);
        ArgumentNullException.ThrowIfNull(onRejected);
        return this switch
        {
            Executed executed => onExecuted(executed),
            Rejected rejected => onRejected(rejected),
            _ => throw new UnreachableException(),
        };
    }

    /// <summary>Calls exactly one of the two actions, depending on the case.</summary>
    /// <param name="onExecuted">Called when the function ran.</param>
    /// <param name="onRejected">Called when the function did not run.</param>
    public void Switch(Action<Executed> onExecuted, Action<Rejected> onRejected)
    {
        ArgumentNullException.ThrowIfNull(onExecuted);
        ArgumentNullException.ThrowIfNull(onRejected);
        switch (this)
        {
            case Executed executed:
                onExecuted(executed);
                break;
            case Rejected rejected:
                onRejected(rejected);
                break;
            default:
                throw new UnreachableException();
        }
    }

    /// <summary>Writes the result as Integry's wire JSON (<c>network_code</c> as a string).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, IntegryJsonContext.Wire.Result);

    /// <summary>Writes the result as Integry's wire JSON, indented for people to read.</summary>
    /// <returns>The indented JSON text.</returns>
    public string ToIndentedJson() => JsonSerializer.Serialize(this, IntegryJsonContext.Indented.Result);

    /// <summary>Reads a result from Integry's wire JSON, as the API answers a function call.</summary>
    /// <param name="json">The JSON text: an object with <c>network_code</c> and <c>output</c>, or with <c>error</c>.</param>
    /// <returns>The result.</returns>
    /// <exception cref="JsonException">The text is not a function-call result.</exception>
    public static Result Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize(json, IntegryJsonContext.Default.Result)
            ?? throw new JsonException("A function-call result cannot be null.");
    }

    /// <summary>The function ran: Integry (or the local executor) made the onward call and this is its answer.</summary>
    /// <remarks>A non-2xx <see cref="NetworkCode"/> is still <see cref="Executed"/>: the app answered with an error.</remarks>
    public sealed record Executed : Result
    {
        private readonly JsonElement _output;

        /// <summary>Creates an executed result, for example in a test.</summary>
        /// <param name="networkCode">The HTTP status of the onward call.</param>
        /// <param name="output">The onward call's response body as JSON.</param>
        public Executed(int networkCode, JsonElement output)
        {
            NetworkCode = networkCode;
            _output = output.ValueKind == JsonValueKind.Undefined ? EmptyOutput : output;
        }

        /// <summary>Gets the HTTP status code of the onward API call (<c>network_code</c>).</summary>
        public int NetworkCode { get; init; }

        /// <summary>Gets the onward API call's response body (<c>output</c>): any JSON value, kept as it arrived.</summary>
        /// <remarks>A text body is a JSON string, an empty body is <c>""</c>, and a binary body is base64 text.</remarks>
        public JsonElement Output
        {
            get => _output;
            init => _output = value.ValueKind == JsonValueKind.Undefined ? EmptyOutput : value;
        }

        /// <summary>Gets the cursor of the next page (<c>_cursor</c>), for functions that page their output.</summary>
        public string? Cursor { get; init; }

        /// <summary>Gets the credits the call used (the <c>X-Credits</c> header), when Integry sent it.</summary>
        public long? Credits { get; init; }

        /// <summary>Gets Integry's session id (the <c>X-Session-ID</c> header), when Integry sent it.</summary>
        public string? SessionId { get; init; }

        /// <summary>Gets the onward response's content type, for calls run by the local executor.</summary>
        public string? ContentType { get; init; }

        /// <summary>Gets the onward response's headers (content headers included), for calls run by the local executor.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; init; } = EmptyHeaders;

        /// <summary>Gets the app's rate-limit state after the call, for calls run by the local executor when the app reports one.</summary>
        public RateLimitInfo? RateLimit { get; init; }

        /// <summary>Gets how many requests the local executor sent for the call, retries and redirect hops included (1 for a single request); 0 for calls run by Integry.</summary>
        public int Attempts { get; init; }

        /// <summary>Gets a value indicating whether the onward call answered with a 2xx status.</summary>
        public bool IsSuccessStatusCode => NetworkCode is >= 200 and <= 299;

        /// <inheritdoc />
        public bool Equals(Executed? other) =>
            other is not null
            && NetworkCode == other.NetworkCode
            && string.Equals(Cursor, other.Cursor, StringComparison.Ordinal)
            && JsonElementComparer.Instance.Equals(Output, other.Output);

        /// <inheritdoc />
        public override int GetHashCode() => HashCode.Combine(NetworkCode, Cursor, JsonElementComparer.Instance.GetHashCode(Output));

        /// <inheritdoc />
        protected override bool PrintMembers(System.Text.StringBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);

            // Headers may carry cookies or tokens the app set: the printout names only what identifies the call.
            builder.Append("NetworkCode = ").Append(NetworkCode);
            var output = Output.GetRawText();
            builder.Append(", Output = ").Append(output.Length > 200 ? output[..200] + "…" : output);
            if (Cursor is not null)
            {
                builder.Append(", Cursor = ").Append(Cursor);
            }

            return true;
        }
    }

    /// <summary>The function did not run: Integry (or the local executor) refused it, and says why.</summary>
    public sealed record Rejected : Result
    {
        /// <summary>Creates a rejected result, for example in a test.</summary>
        /// <param name="error">The summary (<c>error</c>).</param>
        /// <param name="errorDetails">The details (<c>error_details</c>), flattened to messages.</param>
        public Rejected(string error, IReadOnlyList<string> errorDetails)
        {
            ArgumentNullException.ThrowIfNull(error);
            ArgumentNullException.ThrowIfNull(errorDetails);
            Error = error;
            ErrorDetails = errorDetails;
        }

        /// <summary>Creates a rejected result whose details name the parameter each message is about.</summary>
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

        /// <inheritdoc />
        public bool Equals(Rejected? other) =>
            other is not null
            && string.Equals(Error, other.Error, StringComparison.Ordinal)
            && ErrorDetails.SequenceEqual(other.ErrorDetails, StringComparer.Ordinal)
            && FieldErrorsEqual(FieldErrors, other.FieldErrors);

        /// <inheritdoc />
        public override int GetHashCode() => HashCode.Combine(Error, ErrorDetails.Count);

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

        /// <inheritdoc />
        protected override bool PrintMembers(System.Text.StringBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            builder.Append("Error = ").Append(Error).Append(", ErrorDetails = [").AppendJoin("; ", ErrorDetails).Append(']');
            return true;
        }
    }

    /// <summary>Appends the members that identify the result to a <see cref="object.ToString"/> printout.</summary>
    /// <param name="builder">The printout being built.</param>
    /// <returns><see langword="true"/> when members were appended.</returns>
    protected virtual bool PrintMembers(System.Text.StringBuilder builder) => false;

    private static readonly JsonElement EmptyOutput = CreateEmptyOutput();

    private static JsonElement CreateEmptyOutput()
    {
        using var document = JsonDocument.Parse("\"\"");
        return document.RootElement.Clone();
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> EmptyHeaders =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
}
