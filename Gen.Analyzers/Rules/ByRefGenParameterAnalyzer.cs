using Gen.Analyzers.Common;
using Gen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gen.Analyzers.Rules;

/// <summary>
/// GEN010: a <c>ref</c>, <c>out</c>, <c>in</c> or <c>ref readonly</c> parameter of a <c>[Gen]</c> method (reported at each such parameter). The check is <see cref="DeclarationRules.ByRefParameter"/>, shared with the generator, which
/// emits nothing for such a method.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ByRefGenParameterAnalyzer : GenDeclarationAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public ByRefGenParameterAnalyzer() : base(DeclarationRules.ByRefParameter) { }
}
