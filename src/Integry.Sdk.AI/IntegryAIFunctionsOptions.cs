namespace Integry.Sdk.AI;

/// <summary>Which Integry functions become tools; every filter is optional.</summary>
public sealed class IntegryAIFunctionsOptions
{
    /// <summary>Gets or sets the one kind of function to list; actions and queries when <see langword="null"/>.</summary>
    public FunctionType? Type { get; set; }

    /// <summary>Gets or sets the app whose functions to list, by its slug (<c>slack</c>).</summary>
    public string? App { get; set; }

    /// <summary>Gets or sets a value indicating whether to list only functions of apps the user has connected.</summary>
    public bool ConnectedOnly { get; set; }

    /// <summary>Gets or sets words to search for in the functions' names and descriptions; not together with <see cref="Prompt"/>.</summary>
    public string? Search { get; set; }

    /// <summary>
    /// Gets or sets what the user wants done, in their words (<c>post the weekly report to Slack</c>). When set, the tools
    /// are the functions Integry's predict (<see cref="IntegryClient.PredictFunctionsAsync"/>) picks for it, best first,
    /// instead of a listing: a handful of fitting tools rather than every function. <see cref="Type"/>, <see cref="App"/>,
    /// <see cref="ConnectedOnly"/> and <see cref="IncludePassthrough"/> still filter them; <see cref="Search"/> cannot be
    /// combined with it. Prediction runs only at Integry (the client needs its app key and secret).
    /// </summary>
    public string? Prompt { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether passthrough functions (<c>&lt;app&gt;-passthrough-request</c>, raw HTTP to
    /// the app) are tools too. Off by default: give an agent raw HTTP only on purpose, and with a <see cref="PassthroughPolicy"/>.
    /// </summary>
    public bool IncludePassthrough { get; set; }

    /// <summary>Gets or sets the connected account every tool call uses, when the user has several for an app.</summary>
    public string? ConnectedAccountId { get; set; }
}
