using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Integry.Sdk.Serialization;

namespace Integry.Sdk;

/// <content>The executed case.</content>
public abstract partial class Result
{
    /// <summary>The function ran: Integry (or the local executor) made the onward call and this is its answer.</summary>
    /// <remarks>A non-2xx <see cref="NetworkCode"/> is still <see cref="Executed"/>: the app answered with an error.</remarks>
    [JsonConverter(typeof(ResultJsonConverter))]
    public sealed class Executed : Result, IEquatable<Executed>
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
        /// <remarks>They may carry cookies the app set: they are never printed by <see cref="ToString"/> nor written to the wire JSON.</remarks>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; init; } = EmptyHeaders;

        /// <summary>Gets the app's rate-limit state after the call, for calls run by the local executor when the app reports one.</summary>
        public RateLimitInfo? RateLimit { get; init; }

        /// <summary>Gets how many requests the local executor sent for the call, retries and redirect hops included (1 for a single request); 0 for calls run by Integry.</summary>
        public int Attempts { get; init; }

        /// <summary>Gets a value indicating whether the onward call answered with a 2xx status.</summary>
        public bool IsSuccessStatusCode => NetworkCode is >= 200 and <= 299;

        /// <summary>Reads <see cref="Output"/> as a value of your own type, through your source-generated JSON metadata.</summary>
        /// <typeparam name="T">The type to read.</typeparam>
        /// <param name="typeInfo">The metadata of <typeparamref name="T"/>, for example <c>MyJsonContext.Default.Order</c>.</param>
        /// <returns>The value; <see langword="null"/> when the output is JSON <c>null</c>.</returns>
        /// <remarks>It reads whatever the app answered, whatever <see cref="NetworkCode"/>: check <see cref="IsSuccessStatusCode"/> first when an error body has another shape.</remarks>
        /// <exception cref="ArgumentNullException"><paramref name="typeInfo"/> is <see langword="null"/>.</exception>
        /// <exception cref="IntegryException">
        /// The output does not fit <typeparamref name="T"/> (<see cref="IntegryException.Kind"/> is
        /// <see cref="IntegryErrorKind.Protocol"/>, the <see cref="JsonException"/> is its inner exception; the message
        /// names the JSON path, never the output's values).
        /// </exception>
        public T? GetOutput<T>(JsonTypeInfo<T> typeInfo)
        {
            ArgumentNullException.ThrowIfNull(typeInfo);
            try
            {
                return _output.Deserialize(typeInfo);
            }
            catch (JsonException exception)
            {
                var where = exception.Path is { } path ? $" at {path}" : string.Empty;
                throw new IntegryException(
                    $"The output of the call (network code {NetworkCode.ToString(CultureInfo.InvariantCulture)}, a JSON {Describe(_output.ValueKind)}) cannot be read as {typeInfo.Type.Name}{where}.",
                    IntegryErrorKind.Protocol,
                    isTransient: false,
                    exception);
            }
        }

        /// <summary>Compares two executed results by their wire JSON: status, cursor and output (as JSON).</summary>
        /// <param name="other">The other result.</param>
        /// <returns><see langword="true"/> when their wire JSON is equal.</returns>
        public bool Equals(Executed? other) =>
            other is not null
            && NetworkCode == other.NetworkCode
            && string.Equals(Cursor, other.Cursor, StringComparison.Ordinal)
            && JsonElementComparer.Instance.Equals(Output, other.Output);

        /// <inheritdoc />
        public override bool Equals(Result? other) => other is Executed executed && Equals(executed);

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is Executed executed && Equals(executed);

        /// <inheritdoc />
        public override int GetHashCode() => HashCode.Combine(NetworkCode, Cursor, JsonElementComparer.Instance.GetHashCode(Output));

        /// <summary>Prints the status, the output (shortened) and the cursor; never the response headers, which may carry cookies or tokens.</summary>
        /// <returns>For example <c>Executed { NetworkCode = 200, Output = {"ok":true} }</c>.</returns>
        public override string ToString()
        {
            var builder = new StringBuilder("Executed { NetworkCode = ").Append(NetworkCode);
            var output = Output.GetRawText();
            builder.Append(", Output = ").Append(output.Length > 200 ? output[..200] + "…" : output);
            if (Cursor is not null)
            {
                builder.Append(", Cursor = ").Append(Cursor);
            }

            return builder.Append(" }").ToString();
        }

        /// <summary>A copy with Integry's response metadata added; everything else is kept.</summary>
        internal Executed WithIntegryMetadata(long? credits, string? sessionId) => new(NetworkCode, _output)
        {
            Cursor = Cursor,
            Credits = credits,
            SessionId = sessionId,
            ContentType = ContentType,
            Headers = Headers,
            RateLimit = RateLimit,
            Attempts = Attempts,
        };

        private static string Describe(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Object => "object",
            JsonValueKind.Array => "array",
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        };
    }
}
