namespace Integry.Sdk;

/// <summary>The rules of a <see cref="PassthroughPolicy"/>, as named in a denial.</summary>
public enum PolicyRule
{
    /// <summary>The app's passthrough is not in <see cref="PassthroughPolicy.Apps"/>.</summary>
    Apps,

    /// <summary>The function is not in <see cref="PassthroughPolicy.Functions"/>.</summary>
    Functions,

    /// <summary>The method is not in <see cref="PassthroughPolicy.Methods"/>.</summary>
    Methods,

    /// <summary>The policy is <see cref="PassthroughPolicy.ReadOnly"/> and the method writes.</summary>
    ReadOnly,

    /// <summary>The path is not under any of <see cref="PassthroughPolicy.PathPrefixes"/>.</summary>
    PathPrefixes,

    /// <summary>The URL's path has a form servers read differently (encoded separators or dot segments, backslashes, <c>//</c>), so no prefix can vouch for it.</summary>
    CanonicalPath,
}
