using System.Text.Json;
using Integry.Sdk.Policy;

namespace Integry.Sdk;

/// <summary>
/// What a client may call: the apps whose passthrough it may use (with their methods and path prefixes, or read-only)
/// and the other functions it may run. Everything not allowed is denied. Set it with
/// <see cref="IntegryClientOptions.Policy"/> or <see cref="IntegryClient.WithPolicy"/>; <see cref="IntegryClient"/>
/// checks it before routing a call, so it holds for local and remote execution alike and before any credential is read.
/// </summary>
/// <remarks>
/// <para>Path prefixes are globs over path segments: <c>*</c> matches within one segment, <c>**</c> any number of
/// segments; a prefix allows its own path and everything below it. They match the path of the final URL (a relative
/// URL is resolved against the app's base URL first), compared case-insensitively, after percent-decoding and removing
/// <c>.</c>/<c>..</c> segments. A path whose meaning depends on the server (an encoded <c>/</c> or dot segment, a
/// backslash, <c>//</c>, an undecodable escape, a Unicode look-alike of <c>.</c> or <c>/</c>) is denied.</para>
/// <para>A policy is validated when it is built: one that allows nothing, allows everything, or holds a pattern that
/// can never match throws <see cref="ArgumentException"/>.</para>
/// </remarks>
public sealed class PassthroughPolicy
{
    private static readonly string[] ReadOnlyMethodList = ["GET", "HEAD", "OPTIONS"];
    private static readonly string[] KnownMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    private readonly NameGlob[] _apps;
    private readonly NameGlob[] _functions;
    private readonly PathPattern[]? _paths;

    /// <summary>Creates a policy; every argument is optional, but at least one app or function must be allowed.</summary>
    /// <param name="apps">App slugs whose passthrough function may be called (<c>hubspot</c>), or <c>*</c> for every app; <see langword="null"/> for none.</param>
    /// <param name="methods">HTTP methods passthroughs may use; <see langword="null"/> for every method.</param>
    /// <param name="pathPrefixes">Path prefixes (globs) passthroughs may reach, such as <c>/crm/v3/objects/contacts</c>; <see langword="null"/> for every path.</param>
    /// <param name="readOnly">Whether passthroughs may only use GET, HEAD and OPTIONS.</param>
    /// <param name="functions">Names of other (non-passthrough) functions that may run, <c>*</c> globs allowed (<c>hubspot-get-*</c>); <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">The policy allows nothing, allows everything, or holds an entry that can never match; the message says which.</exception>
    public PassthroughPolicy(
        IEnumerable<string>? apps = null,
        IEnumerable<string>? methods = null,
        IEnumerable<string>? pathPrefixes = null,
        bool readOnly = false,
        IEnumerable<string>? functions = null)
    {
        Apps = Freeze(apps, nameof(apps));
        Methods = methods is null ? null : Freeze(methods, nameof(methods)).Select(method => method.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToArray();
        PathPrefixes = pathPrefixes is null ? null : Freeze(pathPrefixes, nameof(pathPrefixes));
        ReadOnly = readOnly;
        Functions = Freeze(functions, nameof(functions));

        if (apps is not null && Apps.Count == 0)
        {
            throw new ArgumentException("The policy's app list is empty, so no passthrough could ever run: list the apps it may call, or pass null for none.", nameof(apps));
        }

        if (functions is not null && Functions.Count == 0)
        {
            throw new ArgumentException("The policy's function list is empty, so no function could ever run: list the functions it may call, or pass null for none.", nameof(functions));
        }

        if (Apps.Count == 0 && Functions.Count == 0)
        {
            throw new ArgumentException(
                methods is null && pathPrefixes is null && !readOnly
                    ? "The policy is empty: it allows no app and no function. Name the apps (passthroughs) and functions it may call."
                    : "The policy denies everything: it limits methods or paths but allows no app. Name the apps whose passthrough it may call.",
                nameof(apps));
        }

        _apps = Apps.Select(app => NameGlob.Parse(app, nameof(apps), isApp: true)).ToArray();
        _functions = Functions.Select(function => NameGlob.Parse(function, nameof(functions), isApp: false)).ToArray();

        if (Methods is not null)
        {
            if (Methods.Count == 0)
            {
                throw new ArgumentException("The policy's method list is empty, so no passthrough could ever run: list the methods it may use, or pass null for every method.", nameof(methods));
            }

            foreach (var method in Methods)
            {
                if (Array.IndexOf(KnownMethods, method) < 0)
                {
                    throw new ArgumentException($"The policy's method '{method}' can never match: passthroughs use {string.Join(", ", KnownMethods)}.", nameof(methods));
                }
            }

            if (readOnly && !Methods.Any(method => Array.IndexOf(ReadOnlyMethodList, method) >= 0))
            {
                throw new ArgumentException($"The policy denies every passthrough: it is read-only ({string.Join(", ", ReadOnlyMethodList)}) but allows only {string.Join(", ", Methods)}.", nameof(methods));
            }
        }

        if (PathPrefixes is not null)
        {
            if (PathPrefixes.Count == 0)
            {
                throw new ArgumentException("The policy's path prefix list is empty, so no passthrough could ever run: list the path prefixes it may reach, or pass null for every path.", nameof(pathPrefixes));
            }

            _paths = PathPrefixes.Select(prefix => PathPattern.Parse(prefix, nameof(pathPrefixes))).ToArray();
        }

        if (Apps.Count == 0 && (methods is not null || pathPrefixes is not null || readOnly))
        {
            throw new ArgumentException("The policy limits passthrough methods or paths but allows no app, so those limits could never apply: name the apps whose passthrough it may call.", nameof(apps));
        }
    }

    /// <summary>Gets the methods a read-only policy allows: GET, HEAD and OPTIONS.</summary>
    public static IReadOnlyList<string> ReadOnlyMethods => ReadOnlyMethodList;

    /// <summary>Gets the apps whose passthrough function may be called (<c>*</c> for every app); empty for none.</summary>
    public IReadOnlyList<string> Apps { get; }

    /// <summary>Gets the HTTP methods passthroughs may use, upper case, or <see langword="null"/> for every method.</summary>
    public IReadOnlyList<string>? Methods { get; }

    /// <summary>Gets the path prefixes (globs) passthroughs may reach, or <see langword="null"/> for every path.</summary>
    public IReadOnlyList<string>? PathPrefixes { get; }

    /// <summary>Gets a value indicating whether passthroughs may only use GET, HEAD and OPTIONS.</summary>
    public bool ReadOnly { get; }

    /// <summary>Gets the other (non-passthrough) functions that may run; empty for none.</summary>
    public IReadOnlyList<string> Functions { get; }

    /// <summary>A read-only policy for the passthroughs of some apps: GET, HEAD and OPTIONS on any path.</summary>
    /// <param name="apps">The app slugs.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentException">No app was given, or one is not a valid slug.</exception>
    public static PassthroughPolicy ReadOnlyFor(params string[] apps) => new(apps: apps, readOnly: true);

    /// <summary>Whether some call of a function could be allowed: its app (for a passthrough) or its name is allowed.</summary>
    /// <remarks>Use it to hide tools an agent may never call; the method and path of a passthrough are checked per call.</remarks>
    /// <param name="functionName">The function's name.</param>
    /// <returns><see langword="true"/> when the name passes the policy.</returns>
    public bool AllowsFunction(string functionName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName);
        return PassthroughFunctionName.TryGetApp(functionName, out var app)
            ? _apps.Any(glob => glob.Matches(app))
            : _functions.Any(glob => glob.Matches(functionName));
    }

    /// <summary>Describes the policy's rules on one line.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Apps.Count > 0)
        {
            parts.Add("apps: " + string.Join(", ", Apps));
            parts.Add("methods: " + (ReadOnly ? string.Join(", ", (Methods ?? ReadOnlyMethodList).Where(method => Array.IndexOf(ReadOnlyMethodList, method) >= 0)) + " (read-only)" : Methods is null ? "any" : string.Join(", ", Methods)));
            parts.Add("paths: " + (PathPrefixes is null ? "any" : string.Join(", ", PathPrefixes)));
        }

        parts.Add("functions: " + (Functions.Count == 0 ? "none" : string.Join(", ", Functions)));
        return "PassthroughPolicy { " + string.Join("; ", parts) + " }";
    }

    /// <summary>Decides one call: the first rule it breaks, or allowed.</summary>
    /// <param name="functionName">The function, already validated as a name.</param>
    /// <param name="arguments">The call's arguments (a JSON object).</param>
    /// <param name="hasVariables">Whether the call carries <c>_variables</c>, which could rewrite <c>{tags}</c> in the URL after this check.</param>
    /// <param name="baseUrlOf">The app's base URL, for relative URLs; <see langword="null"/> when the client does not know it.</param>
    internal PolicyDecision Evaluate(string functionName, JsonElement arguments, bool hasVariables, Func<string, Uri?> baseUrlOf)
    {
        if (!PassthroughFunctionName.TryGetApp(functionName, out var app))
        {
            return _functions.Any(glob => glob.Matches(functionName))
                ? PolicyDecision.Allowed
                : PolicyDecision.Deny(PolicyRule.Functions, $"'{functionName}' is not one of the policy's allowed functions ({List(Functions)}).");
        }

        if (!_apps.Any(glob => glob.Matches(app)))
        {
            return PolicyDecision.Deny(PolicyRule.Apps, $"The {app} passthrough is not allowed: the policy's apps are {List(Apps)}.");
        }

        if (Methods is not null || ReadOnly)
        {
            if (!arguments.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String)
            {
                return PolicyDecision.Deny(ReadOnly ? PolicyRule.ReadOnly : PolicyRule.Methods, "The request's method is missing or not a string, so the policy cannot allow it.");
            }

            var method = methodElement.GetString()!;
            if (method.Length == 0 || method.Any(c => !char.IsAsciiLetter(c)))
            {
                return PolicyDecision.Deny(ReadOnly ? PolicyRule.ReadOnly : PolicyRule.Methods, $"The request's method '{Excerpt.Of(method, 120)}' is not a bare HTTP method, so the policy cannot allow it.");
            }

            method = method.ToUpperInvariant();
            if (ReadOnly && Array.IndexOf(ReadOnlyMethodList, method) < 0)
            {
                return PolicyDecision.Deny(PolicyRule.ReadOnly, $"The policy is read-only: {method} is not allowed (only {string.Join(", ", ReadOnlyMethodList)}).");
            }

            if (Methods is not null && !Methods.Contains(method, StringComparer.Ordinal))
            {
                return PolicyDecision.Deny(PolicyRule.Methods, $"{method} is not one of the policy's methods ({string.Join(", ", Methods)}).");
            }
        }

        if (_paths is not null)
        {
            if (!arguments.TryGetProperty("url", out var urlElement) || urlElement.ValueKind != JsonValueKind.String)
            {
                return PolicyDecision.Deny(PolicyRule.PathPrefixes, "The request's URL is missing or not a string, so the policy cannot allow it.");
            }

            var url = urlElement.GetString()!;
            var path = PolicyPath.Normalise(url, app, baseUrlOf, out var problem);
            if (path is null)
            {
                return PolicyDecision.Deny(PolicyRule.CanonicalPath, problem!);
            }

            if (hasVariables && PolicyPath.PathOf(url).Contains('{', StringComparison.Ordinal))
            {
                return PolicyDecision.Deny(PolicyRule.CanonicalPath, "The URL's path holds {tags} that _variables would fill after the policy check: give a literal path.");
            }

            if (!_paths.Any(pattern => pattern.Matches(path)))
            {
                return PolicyDecision.Deny(PolicyRule.PathPrefixes, $"The path '{Excerpt.Of(PolicyPath.Join(path), 120)}' is not under the policy's path prefixes ({List(PathPrefixes!)}).");
            }
        }

        return PolicyDecision.Allowed;
    }

    private static string[] Freeze(IEnumerable<string>? values, string parameterName)
    {
        if (values is null)
        {
            return [];
        }

        var list = values.ToArray();
        foreach (var value in list)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException("The policy holds an empty entry, which can never match.", parameterName);
            }
        }

        return list;
    }

    private static string List(IReadOnlyList<string> values) => values.Count == 0 ? "none" : string.Join(", ", values);
}
