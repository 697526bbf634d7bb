using System.Text.Json;
using Integry.Sdk.Serialization;

namespace Integry.Sdk.Apps;

/// <summary>
/// The apps that ship with the SDK, read once from the embedded <c>apps.json</c>: each entry's hosts, base URL, where
/// credentials go and the headers the API requires, taken from the API's own documentation.
/// </summary>
internal static class BuiltInApps
{
    private const string ResourceName = "Integry.Sdk.Apps.apps.json";

    public static IEnumerable<AppDefinition> All
    {
        get
        {
            using var stream = typeof(BuiltInApps).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"The built-in app catalog '{ResourceName}' is missing from the assembly.");
            var file = JsonSerializer.Deserialize(stream, IntegryJsonContext.Default.CatalogFile)
                ?? throw new InvalidOperationException("The built-in app catalog is empty.");
            return file.Apps.Select(app => app.ToDefinition()).ToArray();
        }
    }
}
