using System.Globalization;

namespace Integry.Sdk.Passthrough;

/// <summary>Normalises an app's rate-limit headers into <see cref="RateLimitInfo"/>.</summary>
internal static class RateLimitReader
{
    /// <summary>Reads the answer's rate-limit headers; <paramref name="clock"/> is read only for a reset given in seconds from now.</summary>
    public static RateLimitInfo? Read(OnwardResponse response, RateLimitHeaders? headers, TimeProvider clock)
    {
        long? remaining = null;
        DateTimeOffset? resetsAt = null;
        if (headers is not null)
        {
            if (long.TryParse(response.FirstHeader(headers.Remaining), NumberStyles.Integer, CultureInfo.InvariantCulture, out var left))
            {
                remaining = left;
            }

            resetsAt = headers.Reset is null ? null : ParseReset(response.FirstHeader(headers.Reset), headers.ResetFormat, null, clock);
        }

        return remaining is null && resetsAt is null && response.RetryAfter is null
            ? null
            : new RateLimitInfo { Remaining = remaining, ResetsAt = resetsAt, RetryAfter = response.RetryAfter };
    }

    /// <summary>How long until the app's limit resets, for a 429 that did not say <c>Retry-After</c>.</summary>
    public static TimeSpan? WaitUntilReset(OnwardResponse response, RateLimitHeaders? headers, DateTimeOffset now) =>
        headers?.Reset is not null && ParseReset(response.FirstHeader(headers.Reset), headers.ResetFormat, now, null) is { } reset
            ? (reset > now ? reset - now : TimeSpan.Zero)
            : null;

    /// <summary>The reset's time; "now" is <paramref name="now"/>, or else read from <paramref name="clock"/> when the format needs it.</summary>
    private static DateTimeOffset? ParseReset(string? value, RateLimitResetFormat format, DateTimeOffset? now, TimeProvider? clock)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        switch (format)
        {
            case RateLimitResetFormat.SecondsFromNow when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and < 31_536_000:
                return (now ?? clock!.GetUtcNow()) + TimeSpan.FromSeconds(seconds);
            case RateLimitResetFormat.UnixTimeSeconds when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var unix) && unix is > 0 and < 253_402_300_799:
                return DateTimeOffset.FromUnixTimeSeconds(unix);
            case RateLimitResetFormat.DateTime when DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date):
                return date;
            default:
                return null;
        }
    }
}
