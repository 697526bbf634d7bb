namespace Integry.Sdk;

/// <summary>Filters for listing apps; every filter is optional.</summary>
public sealed class ListAppsOptions
{
    /// <summary>Gets or sets a value indicating whether to list only apps the user has connected (<c>connected_only=true</c>).</summary>
    public bool ConnectedOnly { get; set; }
}
