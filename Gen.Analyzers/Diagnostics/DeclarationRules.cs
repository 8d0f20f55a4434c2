using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.Diagnostics;

/// <summary>One breach of a declaration rule: where to report it and the arguments of its descriptor's message.</summary>
internal readonly struct DeclarationViolation
{
    public DeclarationViolation(Location location, params object[] arguments)
    {
        Location = location;
        Arguments = arguments;
    }

    public Location Location { get; }
    public object[] Arguments { get; }
}

/// <summary>Finds the breaches of one declaration rule in a <c>[Gen]</c> method declaration.</summary>
internal delegate IEnumerable<DeclarationViolation> DeclarationCheck(IMethodSymbol method, MethodDeclarationSyntax syntax, SemanticModel model, CancellationToken cancellation);

/// <summary>A declaration rule: its descriptor and its check.</summary>
internal sealed class DeclarationRule
{
    public DeclarationRule(DiagnosticDescriptor descriptor, DeclarationCheck check)
    {
        Descriptor = descriptor;
        Check = check;
    }

    public DiagnosticDescriptor Descriptor { get; }
    public DeclarationCheck Check { get; }
}

/// <summary>
/// The rules a <c>[Gen]</c> method's declaration must follow for the generator to extend it (GEN004 for a
/// non-partial type, GEN006–GEN013 for the rest). Like <see cref="Descriptors"/>, this file is compiled into both
/// Gen.Analyzers and Gen.Generators (linked): each analyzer in Gen.Analyzers/Rules reports one rule, and the
/// generator silently emits nothing for a method that breaks any of them, so the two always agree on which methods
/// those are.
/// </summary>
internal static class DeclarationRules
{
    /// <summary>GEN004: every type enclosing the method must be partial, so the generator can add <c>MGen</c> to it.</summary>
    public static readonly DeclarationRule NonPartialType = new(Descriptors.CannotCompile, static (method, syntax, _, _) =>
        syntax.Ancestors().OfType<TypeDeclarationSyntax>()
            .Where(type => !type.Modifiers.Any(SyntaxKind.PartialKeyword))
            .Select(type => new DeclarationViolation(type.Identifier.GetLocation(),
                $"type '{type.Identifier.ValueText}' declares [Gen] method '{method.Name}' but is not partial; add the 'partial' modifier so the generator can add {method.Name}Gen.")));

    /// <summary>GEN006: the method is an instance method.</summary>
    public static readonly DeclarationRule InstanceMethod = new(Descriptors.InstanceGenMethod, static (method, syntax, _, _) =>
        When(!method.IsStatic, syntax.Identifier.GetLocation(), method.Name));

    /// <summary>GEN007: the method has type parameters.</summary>
    public static readonly DeclarationRule GenericMethod = new(Descriptors.GenericGenMethod, static (method, syntax, _, _) =>
        When(method.IsGenericMethod && syntax.TypeParameterList is not null, syntax.TypeParameterList?.GetLocation(), method.Name));

    /// <summary>GEN008: the method returns void or by reference.</summary>
    public static readonly DeclarationRule NoValueReturned = new(Descriptors.GenMethodReturnsNoValue, static (method, syntax, _, _) =>
        method.ReturnsVoid ? When(true, syntax.ReturnType.GetLocation(), method.Name, "void", "Return the quantity of interest (or a bool).")
        : When(method.ReturnsByRef || method.ReturnsByRefReadonly, syntax.ReturnType.GetLocation(), method.Name, "by reference",
            "Return the value itself: remove 'ref' from the return type."));

    /// <summary>GEN009: the method is async.</summary>
    public static readonly DeclarationRule AsyncMethod = new(Descriptors.AsyncGenMethod, static (method, syntax, _, _) =>
        When(method.IsAsync, syntax.Identifier.GetLocation(), method.Name));

    /// <summary>GEN010: a parameter is passed by ref, out or in.</summary>
    public static readonly DeclarationRule ByRefParameter = new(Descriptors.ByRefGenParameter, static (method, syntax, _, _) =>
        method.Parameters.Where(p => p.RefKind != RefKind.None).Select(parameter => new DeclarationViolation(
            (parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() ?? syntax).GetLocation(),
            parameter.Name, method.Name, Describe(parameter.RefKind))));

    /// <summary>GEN011: the method is an iterator (its body contains <c>yield</c>).</summary>
    public static readonly DeclarationRule IteratorMethod = new(Descriptors.IteratorGenMethod, static (method, syntax, _, _) =>
        When(syntax.DescendantNodes().Any(n => n is YieldStatementSyntax), syntax.Identifier.GetLocation(), method.Name));

    /// <summary>GEN012: the method is declared in, or names, a file-local type, which the generated file cannot see.</summary>
    public static readonly DeclarationRule FileLocalType = new(Descriptors.FileLocalGenType, FileLocalTypes);

    /// <summary>GEN013: the method has no body (a partial definition, extern or abstract).</summary>
    public static readonly DeclarationRule NoBody = new(Descriptors.GenMethodWithoutBody, static (method, syntax, _, _) =>
        When(syntax.Body is null && syntax.ExpressionBody is null, syntax.Identifier.GetLocation(), method.Name));

    /// <summary>Every declaration rule.</summary>
    public static readonly ImmutableArray<DeclarationRule> All = ImmutableArray.Create(
        NonPartialType, InstanceMethod, GenericMethod, NoValueReturned, AsyncMethod, ByRefParameter, IteratorMethod, FileLocalType, NoBody);

    /// <summary>Whether the declaration breaks any rule (the generator then emits nothing for it; the analyzers say why).</summary>
    public static bool AnyBroken(IMethodSymbol method, MethodDeclarationSyntax syntax, SemanticModel model, CancellationToken cancellation) =>
        All.Any(rule => rule.Check(method, syntax, model, cancellation).Any());

    private static IEnumerable<DeclarationViolation> When(bool broken, Location? location, params object[] arguments) =>
        broken ? new[] { new DeclarationViolation(location ?? Location.None, arguments) } : Enumerable.Empty<DeclarationViolation>();

    /// <summary>File-local types enclosing the method (at their name) or named in it (at the name, once per type).</summary>
    private static IEnumerable<DeclarationViolation> FileLocalTypes(IMethodSymbol method, MethodDeclarationSyntax syntax, SemanticModel model, CancellationToken cancellation)
    {
        var seen = new HashSet<string>();
        foreach (var declaration in syntax.Ancestors().OfType<TypeDeclarationSyntax>())
            if (declaration.Modifiers.Any(SyntaxKind.FileKeyword) && seen.Add(declaration.Identifier.ValueText))
                yield return new DeclarationViolation(declaration.Identifier.GetLocation(), method.Name, "is declared in", declaration.Identifier.ValueText);
        // A file-local type is visible in its own file only: in a file that declares none, no name can be one (and
        // the names need not be bound one by one, which the IDE would otherwise pay for on every keystroke).
        if (!DeclaresFileLocalTypes(syntax.SyntaxTree.GetRoot(cancellation))) yield break;
        foreach (var name in syntax.DescendantNodes().OfType<SimpleNameSyntax>())
        {
            var symbol = model.GetSymbolInfo(name, cancellation).Symbol;
            var type = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
            if (type is { IsFileLocal: true } && seen.Add(type.Name))
                yield return new DeclarationViolation(name.GetLocation(), method.Name, "uses", type.Name);
        }
    }

    private static bool DeclaresFileLocalTypes(SyntaxNode root) =>
        root.DescendantNodes(static node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
            .Any(static node => node is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax
                                && ((MemberDeclarationSyntax)node).Modifiers.Any(SyntaxKind.FileKeyword));

    private static string Describe(RefKind kind) => kind switch
    {
        RefKind.Out => "out",
        RefKind.In => "in",
        RefKind.RefReadOnlyParameter => "ref readonly",
        _ => "ref",
    };
}
