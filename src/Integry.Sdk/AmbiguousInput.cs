using Integry.Sdk.Passthrough;

namespace Integry.Sdk;

/// <summary>
/// Refuses a call whose input could be read two ways, on both paths and before anything is sent: a function name that
/// is not in Integry's exact form, or a key given twice anywhere in the arguments (a parser differential: Integry, a
/// policy or a log may each read a different one of the two values).
/// </summary>
internal static class AmbiguousInput
{
    public static Result.Rejected? Check(FunctionInvocation invocation)
    {
        Dictionary<string, string>? errors = null;
        if (FunctionNames.ExactFormProblem(invocation.FunctionName) is { } nameProblem)
        {
            (errors ??= new Dictionary<string, string>(StringComparer.Ordinal))[FunctionNames.ParameterName] = nameProblem;
        }

        foreach (var (name, message) in DuplicateKeys.FindIn(invocation.Arguments))
        {
            (errors ??= new Dictionary<string, string>(StringComparer.Ordinal))[name] = message;
        }

        return errors is null ? null : Rejections.InvalidArguments(errors);
    }
}
