using Gen.Analyzers.Common;
using Gen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gen.Analyzers.Rules;

/// <summary>
/// GEN012: a <c>[Gen]</c> method declared in a file-local type (reported at the type's name) or naming one in its signature or body (reported at the first name that refers to it), since the generated file cannot see it. The check is <see cref="DeclarationRules.FileLocalType"/>, shared with the generator, which
/// emits nothing for such a method.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FileLocalGenTypeAnalyzer : GenDeclarationAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public FileLocalGenTypeAnalyzer() : base(DeclarationRules.FileLocalType) { }
}
