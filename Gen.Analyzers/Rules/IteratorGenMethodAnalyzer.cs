using Gen.Analyzers.Common;
using Gen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gen.Analyzers.Rules;

/// <summary>
/// GEN011: a <c>[Gen]</c> method whose body contains <c>yield</c> (reported at the method's name). The check is <see cref="DeclarationRules.IteratorMethod"/>, shared with the generator, which
/// emits nothing for such a method.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IteratorGenMethodAnalyzer : GenDeclarationAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public IteratorGenMethodAnalyzer() : base(DeclarationRules.IteratorMethod) { }
}
