using System.Text.Json;
using Integry.Sdk.Serialization;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.TestSupport;

internal static class JsonBody
{
    /// <summary>Matches a request whose body is JSON equal in meaning to <paramref name="expected"/> (member order aside).</summary>
    public static MockedRequest WithJsonBody(this MockedRequest request, string expected) =>
        request.With(message => BodyEquals(message, expected));

    /// <summary>Matches a request whose query string is exactly this text, escaping included.</summary>
    public static MockedRequest WithRawQuery(this MockedRequest request, string query) =>
        request.With(message => message.RequestUri!.Query == query);

    private static bool BodyEquals(HttpRequestMessage message, string expected)
    {
        if (message.Content is null)
        {
            return false;
        }

        var actual = message.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        try
        {
            using var left = JsonDocument.Parse(expected);
            using var right = JsonDocument.Parse(actual);
            return JsonElementComparer.Instance.Equals(left.RootElement, right.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
