using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Gen.Analyzers.Common;

/// <summary>
/// Which calls draw a key from the ambient key stream: a sample site. <c>.At(...)</c>, the GFI methods of
/// generative functions, traces and particles that sample (Simulate, Importance, ImportanceK, Update, Regenerate,
/// Edit, Resample), and a direct call of a <c>[Gen]</c> method (it runs with fresh randomness). An explicit-key
/// call such as <c>Distribution&lt;T&gt;.Sample(key)</c> is not one: its randomness comes from the key it is given.
/// The inference library's entry points (Metropolis–Hastings, importance sampling, particle filters) draw keys too.
/// </summary>
internal static class SampleSites
{
    public static bool IsSampleSite(IInvocationOperation invocation, GenSymbols symbols)
    {
        var method = invocation.TargetMethod;
        if (symbols.IsGenMethod(method) || symbols.IsInferenceEntryPoint(method)) return true;
        return method.Name switch
        {
            "At" or "Simulate" or "Importance" or "ImportanceK" => symbols.IsGenerativeFunction(method.ContainingType),
            "Update" or "Regenerate" => symbols.IsTrace(method.ContainingType),
            "Edit" => symbols.IsTrace(method.ContainingType) || symbols.IsParticles(method.ContainingType),
            "Resample" or "EditK" or "ResampleK" => symbols.IsParticles(method.ContainingType),
            _ => false,
        };
    }

    /// <summary>Whether the invocation is <c>.At(...)</c> on a generative function (GEN005's subject).</summary>
    public static bool IsAt(IInvocationOperation invocation, GenSymbols symbols) =>
        invocation.TargetMethod.Name == "At" && symbols.IsGenerativeFunction(invocation.TargetMethod.ContainingType);

    /// <summary>Source text for a message, on one line and not too long.</summary>
    public static string Short(SyntaxNode node)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(node.ToString(), @"\s+", " ");
        return text.Length <= 80 ? text : text.Substring(0, 77) + "...";
    }
}
