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
/// <para>The hierarchy is closed: no other assembly can add a case, so <see cref="Match{TResult}"/> and
/// <see cref="Switch"/> always call one of their two functions.</para>
/// <para>Two results are equal when their wire JSON is equal: <see cref="Executed.Output"/> is compared as JSON, and
/// transport metadata (credits, session id, response headers, attempts) and <see cref="Rejected.Reason"/> are left
/// out. Serialising a result, whatever its static type and from any <see cref="JsonSerializerOptions"/> or
/// source-generated context, produces Integry's exact wire shape (<see cref="ResultJsonConverter"/>).</para>
/// </remarks>
[JsonConverter(typeof(ResultJsonConverter))]
public abstract partial class Result : IEquatable<Result>
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

    /// <summary>Returns the executed case, or throws when the function was not run.</summary>
    /// <returns>The executed case (its <see cref="Executed.NetworkCode"/> may still be an error of the app).</returns>
    /// <exception cref="IntegryRejectedException">The function was not run; the exception carries the rejection.</exception>
    public Executed EnsureExecuted() => this switch
    {
        Executed executed => executed,
        Rejected rejected => throw new IntegryRejectedException(rejected),
        _ => throw new UnreachableException(),
    };

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
    /// <returns>The result; a rejection's <see cref="Rejected.Reason"/> is worked out from its texts.</returns>
    /// <exception cref="JsonException">The text is not a function-call result.</exception>
    public static Result Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize(json, IntegryJsonContext.Default.Result)
            ?? throw new JsonException("A function-call result cannot be null.");
    }

    /// <summary>Compares two results by their wire JSON.</summary>
    /// <param name="other">The other result.</param>
    /// <returns><see langword="true"/> when both are the same case with the same wire JSON.</returns>
    public abstract bool Equals(Result? other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Result other && Equals(other);

    /// <inheritdoc />
    public abstract override int GetHashCode();

    /// <summary>Compares two results by their wire JSON.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other result.</param>
    /// <returns><see langword="true"/> when both are <see langword="null"/> or equal.</returns>
    public static bool operator ==(Result? left, Result? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two results by their wire JSON.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other result.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(Result? left, Result? right) => !(left == right);

    private static readonly JsonElement EmptyOutput = CreateEmptyOutput();

    private static JsonElement CreateEmptyOutput()
    {
        using var document = JsonDocument.Parse("\"\"");
        return document.RootElement.Clone();
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> EmptyHeaders =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
}
