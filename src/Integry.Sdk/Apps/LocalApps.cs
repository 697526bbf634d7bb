namespace Integry.Sdk.Apps;

/// <summary>Describes catalog apps in Integry's app shape, for the local executor and the emulator alike.</summary>
internal static class LocalApps
{
    /// <summary>Integry's 404 detail for an unknown app.</summary>
    public const string NotFoundDetail = "App not found";

    /// <summary>The app object Integry would answer for a catalog app: URLs empty (the catalog has none), ids numeric.</summary>
    public static IntegryApp Describe(AppDefinition app, IReadOnlyList<ConnectedAccount> accounts) => new()
    {
        Id = IdOf(app.Slug),
        Name = app.Slug,
        Title = app.DisplayName,
        IconUrl = string.Empty,
        DocsUrl = string.Empty,
        LoginUrl = string.Empty,
        AllowMultipleConnectedAccounts = true,
        ConnectedAccounts = accounts,
    };

    /// <summary>A stable numeric id for a slug (FNV-1a, 31 bits): the same in every process, as Integry's ids are.</summary>
    public static string IdOf(string slug)
    {
        var hash = 2166136261u;
        foreach (var c in slug.ToLowerInvariant())
        {
            hash = (hash ^ c) * 16777619u;
        }

        return Math.Max(1u, hash & 0x7FFFFFFFu).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The message of the not-found exception, the same on both paths.</summary>
    public static string NotFoundMessage(string appName) => $"Integry has no app '{Excerpt.Of(appName, 200)}': {NotFoundDetail}.";

    /// <summary>What getting an app Integry does not have throws, as Integry's 404 reads; the same on both paths.</summary>
    public static IntegryNotFoundException NotFound(string appName) =>
        new(NotFoundMessage(appName), System.Net.HttpStatusCode.NotFound, $$"""{"detail":"{{NotFoundDetail}}"}""");
}
