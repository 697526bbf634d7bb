using System.Text.Json;

namespace Integry.Sdk.Passthrough;

/// <summary>Resolves RFC 6901 JSON Pointers (<c>/response_metadata/next_cursor</c>) in a page's body.</summary>
internal static class PaginationJsonPointer
{
    /// <summary>Finds the value a pointer names; <see langword="null"/> when a member or index on the way is missing.</summary>
    public static JsonElement? Find(JsonElement root, string pointer)
    {
        if (pointer.Length == 0)
        {
            return root;
        }

        var current = root;
        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var member))
            {
                current = member;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current;
    }
}
