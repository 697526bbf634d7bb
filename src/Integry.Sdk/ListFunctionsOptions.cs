namespace Integry.Sdk;

/// <summary>Filters for listing functions; every filter is optional.</summary>
public sealed class ListFunctionsOptions
{
    /// <summary>Gets or sets the app whose functions to list, by its slug (<c>slack</c>).</summary>
    public string? App { get; set; }

    /// <summary>Gets or sets a value indicating whether to list only functions of apps the user has connected.</summary>
    public bool ConnectedOnly { get; set; }

    /// <summary>Gets or sets a value indicating whether each function carries its <see cref="IntegryFunction.Meta"/>.</summary>
    public bool IncludeMeta { get; set; }

    /// <summary>Gets or sets words to search for in the functions' names and descriptions.</summary>
    public string? Search { get; set; }
}
