using Gen.Analyzers.Common;
using Gen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gen.Analyzers.Rules;

/// <summary>
/// GEN004: a type enclosing a <c>[Gen]</c> method is not <c>partial</c>, so the generator cannot add <c>MGen</c> to it (reported at the type's name, for each <c>[Gen]</c> method in it). The check is <see cref="DeclarationRules.NonPartialType"/>, shared with the generator, which
/// emits nothing for such a method.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NonPartialTypeAnalyzer : GenDeclarationAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public NonPartialTypeAnalyzer() : base(DeclarationRules.NonPartialType) { }
}
