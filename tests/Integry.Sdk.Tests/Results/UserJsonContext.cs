using System.Text.Json.Serialization;

namespace Integry.Sdk.Tests.ResultContract;

/// <summary>What a user writes: their own source-generated context naming our result types, and one of their own types holding one.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Result))]
[JsonSerializable(typeof(Result.Executed))]
[JsonSerializable(typeof(Result.Rejected))]
[JsonSerializable(typeof(AuditEntry))]
[JsonSerializable(typeof(Order))]
internal sealed partial class UserJsonContext : JsonSerializerContext;

/// <summary>A user's record that keeps a call's outcome.</summary>
internal sealed class AuditEntry
{
    public string Function { get; set; } = string.Empty;

    public Result.Executed? Executed { get; set; }

    public Result.Rejected? Rejected { get; set; }

    public Result? Outcome { get; set; }
}

/// <summary>A user's own type for an app's output.</summary>
internal sealed class Order
{
    public int Id { get; set; }

    public string Status { get; set; } = string.Empty;
}
