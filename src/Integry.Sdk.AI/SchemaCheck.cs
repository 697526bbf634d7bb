using System.Text.Json;
using Json.Schema;

namespace Integry.Sdk.AI;

/// <summary>Checks a tool call's arguments against the function's JSON Schema (Integry's <c>parameters</c>) before anything is sent.</summary>
internal sealed class SchemaCheck
{
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List };

    private readonly JsonSchema? _schema;

    public SchemaCheck(JsonElement parameters)
    {
        try
        {
            _schema = parameters.ValueKind == JsonValueKind.Object ? JsonSchema.Build(parameters) : null;
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException or NotSupportedException or KeyNotFoundException)
        {
            // A schema this validator cannot read is left to the executor, which checks the arguments again anyway.
            _schema = null;
        }
    }

    /// <summary>The problems per argument (the root's under <c>arguments</c>), or <see langword="null"/> when the arguments fit.</summary>
    public Dictionary<string, string>? Problems(JsonElement arguments)
    {
        if (_schema is null)
        {
            return null;
        }

        var results = _schema.Evaluate(arguments, Evaluation);
        if (results.IsValid)
        {
            return null;
        }

        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in Flatten(results))
        {
            if (node.Errors is not { Count: > 0 } errors)
            {
                continue;
            }

            var location = node.InstanceLocation.ToString().TrimStart('/');
            var key = location.Length == 0 ? "arguments" : location.Replace('/', '.');
            var message = string.Join(" ", errors.Values);
            problems[key] = problems.TryGetValue(key, out var earlier) ? earlier + " " + message : message;
        }

        if (problems.Count == 0)
        {
            problems["arguments"] = "The arguments do not match the function's parameters schema.";
        }

        return problems;
    }

    private static IEnumerable<EvaluationResults> Flatten(EvaluationResults results)
    {
        yield return results;
        if (results.Details is { } details)
        {
            foreach (var detail in details)
            {
                foreach (var nested in Flatten(detail))
                {
                    yield return nested;
                }
            }
        }
    }
}
