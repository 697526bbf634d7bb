using System.Text.Json;

namespace Integry.Sdk.Serialization;

/// <summary>Compares JSON values by meaning: member order and string escaping do not matter, number text does.</summary>
/// <remarks>Numbers compare by their exact text first so that values beyond <see cref="double"/> (20-digit ids,
/// <c>1e400</c>) are never rounded into equality; <c>1.0</c> and <c>1</c> still match through <see cref="decimal"/>.</remarks>
internal sealed class JsonElementComparer : IEqualityComparer<JsonElement>
{
    public static readonly JsonElementComparer Instance = new();

    public bool Equals(JsonElement x, JsonElement y)
    {
        if (x.ValueKind != y.ValueKind)
        {
            return false;
        }

        switch (x.ValueKind)
        {
            case JsonValueKind.Object:
                return ObjectsEqual(x, y);
            case JsonValueKind.Array:
                return ArraysEqual(x, y);
            case JsonValueKind.String:
                return string.Equals(x.GetString(), y.GetString(), StringComparison.Ordinal);
            case JsonValueKind.Number:
                return NumbersEqual(x, y);
            default:
                // True, False, Null and Undefined carry no value beyond their kind.
                return true;
        }
    }

    public int GetHashCode(JsonElement obj) => obj.ValueKind switch
    {
        JsonValueKind.String => HashCode.Combine(obj.ValueKind, obj.GetString()),
        JsonValueKind.Array => HashCode.Combine(obj.ValueKind, obj.GetArrayLength()),
        _ => obj.ValueKind.GetHashCode(),
    };

    private bool ObjectsEqual(JsonElement x, JsonElement y)
    {
        var count = 0;
        foreach (var property in x.EnumerateObject())
        {
            count++;
            if (!y.TryGetProperty(property.Name, out var other) || !Equals(property.Value, other))
            {
                return false;
            }
        }

        var otherCount = 0;
        foreach (var unused in y.EnumerateObject())
        {
            otherCount++;
        }

        return count == otherCount;
    }

    private bool ArraysEqual(JsonElement x, JsonElement y)
    {
        if (x.GetArrayLength() != y.GetArrayLength())
        {
            return false;
        }

        using var left = x.EnumerateArray();
        using var right = y.EnumerateArray();
        while (left.MoveNext() && right.MoveNext())
        {
            if (!Equals(left.Current, right.Current))
            {
                return false;
            }
        }

        return true;
    }

    private static bool NumbersEqual(JsonElement x, JsonElement y)
    {
        if (string.Equals(x.GetRawText(), y.GetRawText(), StringComparison.Ordinal))
        {
            return true;
        }

        return x.TryGetDecimal(out var left) && y.TryGetDecimal(out var right) && left == right;
    }
}
