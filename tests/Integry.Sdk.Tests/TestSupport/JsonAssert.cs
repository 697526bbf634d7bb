using System.Text.Json;
using Integry.Sdk.Serialization;

namespace Integry.Sdk.Tests.TestSupport;

/// <summary>Asserts JSON by meaning: member order and white space do not matter, number text does.</summary>
internal static class JsonAssert
{
    public static void AreEqual(string expected, string actual)
    {
        using var left = JsonDocument.Parse(expected, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        using var right = JsonDocument.Parse(actual, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        Assert.That(JsonElementComparer.Instance.Equals(left.RootElement, right.RootElement), Is.True, $"Expected JSON:{Environment.NewLine}{expected}{Environment.NewLine}Actual JSON:{Environment.NewLine}{actual}");
    }

    public static void AreEqual(string expected, JsonElement actual) => AreEqual(expected, actual.GetRawText());
}
