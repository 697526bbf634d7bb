using System.Text;

namespace Integry.Sdk.Remote;

/// <summary>Builds a query string one escaped pair at a time.</summary>
internal static class QueryString
{
    public static void Append(StringBuilder query, string name, string value)
    {
        query.Append(query.Length == 0 ? '?' : '&')
            .Append(Uri.EscapeDataString(name))
            .Append('=')
            .Append(Uri.EscapeDataString(value));
    }
}
