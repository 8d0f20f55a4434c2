using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Gen.Analyzers.CodeFixes;

/// <summary>Adds <c>using static Gen.Transforms;</c> to a file, in the file's own layout and line endings.</summary>
internal static class UsingStatic
{
    public static CompilationUnitSyntax Add(CompilationUnitSyntax unit)
    {
        if (unit.Usings.Any(IsTransforms)) return unit;
        var newLine = unit.ToFullString().Contains("\r\n") ? CarriageReturnLineFeed : LineFeed;
        var directive = UsingDirective(ParseName("Gen.Transforms"))
            .WithStaticKeyword(Token(SyntaxKind.StaticKeyword).WithTrailingTrivia(Space))
            .WithUsingKeyword(Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(Space))
            .WithTrailingTrivia(newLine);

        if (unit.Usings.Count == 0)
        {
            // First line of the file, then a blank line before whatever came first.
            var first = unit.GetLeadingTrivia();
            var withBlank = unit.WithLeadingTrivia(TriviaList(newLine).AddRange(first));
            return withBlank.WithUsings(SingletonList(directive));
        }

        // After the last using static if there is one, else after the last using.
        var usings = unit.Usings;
        var index = usings.LastIndexOf(u => u.StaticKeyword.IsKind(SyntaxKind.StaticKeyword));
        if (index < 0) index = usings.Count - 1;
        return unit.WithUsings(usings.Insert(index + 1, directive));
    }

    private static bool IsTransforms(UsingDirectiveSyntax directive) =>
        directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword)
        && directive.Name?.ToString().Replace("global::", "") == "Gen.Transforms";
}
