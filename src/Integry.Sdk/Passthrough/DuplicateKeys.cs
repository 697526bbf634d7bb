using System.Text.Json;

namespace Integry.Sdk.Passthrough;

/// <summary>Finds object keys given more than once anywhere in a call's arguments, by the top-level parameter that holds them.</summary>
internal static class DuplicateKeys
{
    private const int PairwiseLimit = 32;

    /// <summary>Returns one message per parameter that is itself given twice or holds a duplicate key at any depth.</summary>
    public static IReadOnlyList<(string Name, string Message)> FindIn(JsonElement arguments)
    {
        if (arguments.ValueKind != JsonValueKind.Object || !MayHoldDuplicate(arguments))
        {
            // The usual answer costs no list per call.
            return [];
        }

        var found = new List<(string Name, string Message)>();

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in arguments.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                if (reported.Add(property.Name))
                {
                    found.Add((property.Name, "Is given more than once; give each parameter exactly once."));
                }

                continue;
            }

            if (FirstDuplicate(property.Value) is { } key && reported.Add(property.Name))
            {
                found.Add((property.Name, $"Has the key '{Excerpt.Of(key, 40)}' more than once in one object; give each key exactly once."));
            }
        }

        return found;
    }

    /// <summary>
    /// A check that allocates nothing, for the common case: <see langword="false"/> only when no object at any depth has
    /// a key twice. It compares the keys' raw UTF-8 pairwise; a key with an escape (<c>\u0061</c> is <c>a</c>) or an object
    /// of more than <see cref="PairwiseLimit"/> keys answers <see langword="true"/>, and the exact search above decides.
    /// </summary>
    private static bool MayHoldDuplicate(JsonElement element)
    {
#if !NET10_0_OR_GREATER
        // A property's raw UTF-8 name (JsonMarshal.GetRawUtf8PropertyName) arrives with .NET 10's System.Text.Json;
        // before it, every element takes the exact search.
        _ = element;
        return true;
#else
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var count = 0;
                foreach (var property in element.EnumerateObject())
                {
                    var name = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(property);
                    if (name.Contains((byte)'\\') || ++count > PairwiseLimit)
                    {
                        return true;
                    }

                    var index = 0;
                    foreach (var earlier in element.EnumerateObject())
                    {
                        if (++index == count)
                        {
                            break;
                        }

                        if (System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(earlier).SequenceEqual(name))
                        {
                            return true;
                        }
                    }

                    if (MayHoldDuplicate(property.Value))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (MayHoldDuplicate(item))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
#endif
    }

    private static string? FirstDuplicate(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                HashSet<string>? keys = null;
                foreach (var property in element.EnumerateObject())
                {
                    if (!(keys ??= new HashSet<string>(StringComparer.Ordinal)).Add(property.Name))
                    {
                        return property.Name;
                    }

                    if (FirstDuplicate(property.Value) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstDuplicate(item) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
