namespace Integry.Sdk;

/// <summary>The kinds of function Integry offers.</summary>
public enum FunctionType
{
    /// <summary>A function that changes something in the app (<c>ACTION</c>).</summary>
    Action,

    /// <summary>A function that reads data from the app (<c>QUERY</c>).</summary>
    Query,

    /// <summary>An app's passthrough request, <c>&lt;app&gt;-passthrough-request</c> (<c>PASSTHROUGH</c>).</summary>
    Passthrough,
}
