using System.Globalization;
using System.Text;

namespace Integry.Sdk.Emulator;

/// <summary>Opaque <c>_cursor</c> values: the offset of the next page, base64url-encoded.</summary>
internal static class Paging
{
    /// <summary>The 400 detail for a cursor the emulator did not issue.</summary>
    public const string InvalidCursor = "Invalid cursor.";

    public static string? Next(int offset, int pageSize, int total) =>
        offset + pageSize >= total ? null : Encode(offset + pageSize);

    public static bool TryDecode(string? cursor, out int offset)
    {
        offset = 0;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (cursor.Length % 4)) % 4)));
            return text.StartsWith("offset:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Encode(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"offset:{offset}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
