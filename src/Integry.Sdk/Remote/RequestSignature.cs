using System.Security.Cryptography;
using System.Text;

namespace Integry.Sdk.Remote;

/// <summary>The three values that authenticate a request for one end user: <c>App-Key</c>, <c>User-ID</c> and <c>Hash</c>.</summary>
internal sealed class RequestSignature
{
    private RequestSignature(string appKey, string userId, string hash)
    {
        AppKey = appKey;
        UserId = userId;
        Hash = hash;
        // Header values must be ASCII on the wire; Integry also accepts the three values in the query, which carries any text.
        FitsInHeaders = IsHeaderSafe(appKey) && IsHeaderSafe(userId);
    }

    public string AppKey { get; }

    public string UserId { get; }

    public string Hash { get; }

    public bool FitsInHeaders { get; }

    public static RequestSignature Create(string appKey, string appSecret, string userId) =>
        new(appKey, userId, ComputeHash(appSecret, userId));

    /// <summary>Lower-case hex HMAC-SHA256 of the user id, keyed with the app secret, both UTF-8.</summary>
    public static string ComputeHash(string appSecret, string userId)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(userId), mac);
#if NET9_0_OR_GREATER
        return Convert.ToHexStringLower(mac);
#else
        return Convert.ToHexString(mac).ToLowerInvariant();
#endif
    }

    public void Apply(HttpRequestMessage request)
    {
        if (FitsInHeaders)
        {
            request.Headers.TryAddWithoutValidation("App-Key", AppKey);
            request.Headers.TryAddWithoutValidation("User-ID", UserId);
            request.Headers.TryAddWithoutValidation("Hash", Hash);
        }
    }

    /// <summary>Adds the query form of the signature to a query string under construction, when headers cannot carry it.</summary>
    public void AppendQuery(StringBuilder query)
    {
        if (!FitsInHeaders)
        {
            QueryString.Append(query, "app_key", AppKey);
            QueryString.Append(query, "user_id", UserId);
            QueryString.Append(query, "hash", Hash);
        }
    }

    private static bool IsHeaderSafe(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return value.Length > 0 && value[0] != ' ' && value[^1] != ' ';
    }
}
