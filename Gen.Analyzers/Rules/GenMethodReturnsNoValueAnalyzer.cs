using Gen.Analyzers.Common;
using Gen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gen.Analyzers.Rules;

/// <summary>
/// GEN008: a <c>[Gen]</c> method that returns <c>void</c> or by reference (reported at the return type). The check is <see cref="DeclarationRules.NoValueReturned"/>, shared with the generator, which
/// emits nothing for such a method.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GenMethodReturnsNoValueAnalyzer : GenDeclarationAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public GenMethodReturnsNoValueAnalyzer() : base(DeclarationRules.NoValueReturned) { }
}
