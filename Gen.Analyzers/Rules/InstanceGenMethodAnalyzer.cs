using Gen.Analyzers.Common;
using Gen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gen.Analyzers.Rules;

/// <summary>
/// GEN006: a <c>[Gen]</c> instance method (reported at the method's name). The check is <see cref="DeclarationRules.InstanceMethod"/>, shared with the generator, which
/// emits nothing for such a method.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InstanceGenMethodAnalyzer : GenDeclarationAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public InstanceGenMethodAnalyzer() : base(DeclarationRules.InstanceMethod) { }
}
