using Gen.Analyzers.Common;
using Gen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gen.Analyzers.Rules;

/// <summary>
/// GEN013: a <c>[Gen]</c> method without a body: a partial method's defining declaration, an extern or an abstract method (reported at the method's name). The check is <see cref="DeclarationRules.NoBody"/>, shared with the generator, which
/// emits nothing for such a method.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GenMethodWithoutBodyAnalyzer : GenDeclarationAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public GenMethodWithoutBodyAnalyzer() : base(DeclarationRules.NoBody) { }
}
