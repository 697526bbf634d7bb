using System.CommandLine;

namespace Integry.Tool;

/// <summary>
/// A <see cref="PassthroughPolicy"/> from flags, one per constructor parameter, so the tool applies exactly the
/// policy an application would build in code (there is no policy file format to load).
/// </summary>
internal sealed class PolicyOptions
{
    public PolicyOptions()
    {
        Apps = new Option<string[]>("--allow-app") { Description = "Policy: an app whose passthrough may run (repeat for more; * for every app)." };
        Methods = new Option<string[]>("--allow-method") { Description = "Policy: an HTTP method passthroughs may use (repeat for more; default: every method)." };
        Paths = new Option<string[]>("--allow-path") { Description = "Policy: a path prefix (glob: * one segment, ** any) passthroughs may reach (repeat for more; default: every path)." };
        ReadOnly = new Option<bool>("--read-only") { Description = "Policy: passthroughs may only use GET, HEAD and OPTIONS." };
        Functions = new Option<string[]>("--allow-function") { Description = "Policy: a non-passthrough function that may run, * globs allowed (repeat for more)." };
    }

    public Option<string[]> Apps { get; }

    public Option<string[]> Methods { get; }

    public Option<string[]> Paths { get; }

    public Option<bool> ReadOnly { get; }

    public Option<string[]> Functions { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Apps);
        command.Options.Add(Methods);
        command.Options.Add(Paths);
        command.Options.Add(ReadOnly);
        command.Options.Add(Functions);
    }

    /// <summary>The policy the flags describe, or <see langword="null"/> when none is given; a policy that cannot work is a <see cref="UsageException"/>.</summary>
    public PassthroughPolicy? Create(ParseResult parseResult)
    {
        var apps = NullIfEmpty(parseResult.GetValue(Apps));
        var methods = NullIfEmpty(parseResult.GetValue(Methods));
        var paths = NullIfEmpty(parseResult.GetValue(Paths));
        var readOnly = parseResult.GetValue(ReadOnly);
        var functions = NullIfEmpty(parseResult.GetValue(Functions));
        if (apps is null && methods is null && paths is null && !readOnly && functions is null)
        {
            return null;
        }

        try
        {
            return new PassthroughPolicy(apps, methods, paths, readOnly, functions);
        }
        catch (ArgumentException exception)
        {
            throw new UsageException("the policy cannot be used: " + Messages.WithoutParameter(exception));
        }
    }

    private static string[]? NullIfEmpty(string[]? values) => values is { Length: > 0 } ? values : null;
}
