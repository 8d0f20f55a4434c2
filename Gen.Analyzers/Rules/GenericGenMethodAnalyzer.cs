using Gen.Analyzers.Common;
using Gen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gen.Analyzers.Rules;

/// <summary>
/// GEN007: a generic <c>[Gen]</c> method (reported at its type parameter list). The check is <see cref="DeclarationRules.GenericMethod"/>, shared with the generator, which
/// emits nothing for such a method.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GenericGenMethodAnalyzer : GenDeclarationAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public GenericGenMethodAnalyzer() : base(DeclarationRules.GenericMethod) { }
}
