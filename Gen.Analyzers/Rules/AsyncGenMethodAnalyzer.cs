using Gen.Analyzers.Common;
using Gen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gen.Analyzers.Rules;

/// <summary>
/// GEN009: an <c>async</c> <c>[Gen]</c> method (reported at the method's name). The check is <see cref="DeclarationRules.AsyncMethod"/>, shared with the generator, which
/// emits nothing for such a method.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsyncGenMethodAnalyzer : GenDeclarationAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public AsyncGenMethodAnalyzer() : base(DeclarationRules.AsyncMethod) { }
}
