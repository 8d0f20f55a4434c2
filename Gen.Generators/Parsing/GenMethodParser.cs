using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gen.Diagnostics;
using Gen.Generators.Ir;
using Gen.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.Generators.Parsing;

/// <summary>
/// Turns one [Gen]-attributed method into a <see cref="GenMethodModel"/>: checks that it can be extended,
/// lowers its body to the IR and plans the trace's storage. Never throws: an unexpected failure becomes GEN000.
/// </summary>
internal static class GenMethodParser
{
    /// <param name="cached">Another [Gen] method's result kept by the cache, if any (a kernel call's callee), or null.</param>
    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellation,
        System.Func<Compilation, MethodDeclarationSyntax, CancellationToken, ParseResult?>? cached = null)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var dependencies = new List<BodyDependency>();
        try
        {
            var model = TryParse(context, diagnostics, dependencies, cached, cancellation);
            return new ParseResult(model, diagnostics.ToEquatableArray(), dependencies.ToEquatableArray());
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.InternalError, context.TargetNode.GetLocation(), "source generator",
                exception.GetType().Name + ": " + exception.Message));
            return new ParseResult(null, diagnostics.ToEquatableArray());
        }
    }

    private static GenMethodModel? TryParse(GeneratorAttributeSyntaxContext context, List<DiagnosticInfo> diagnostics, List<BodyDependency> dependencies,
        System.Func<Compilation, MethodDeclarationSyntax, CancellationToken, ParseResult?>? cached, CancellationToken cancellation)
    {
        if (context.TargetNode is not MethodDeclarationSyntax syntax || context.TargetSymbol is not IMethodSymbol method) return null;
        // A method whose name is still being typed ('double Generic<T>.)' reads as an explicit interface implementation
        // with no name) or an explicit interface implementation ('IModel.M') has no name to make 'MGen' and the
        // generated files' names from: nothing to generate (the compiler reports the missing name).
        if (syntax.Identifier.IsMissing || syntax.ExplicitInterfaceSpecifier is not null) return null;
        var known = new KnownTypes(context.SemanticModel.Compilation);

        // A declaration the generator cannot extend (non-partial type, instance, generic, void, async, iterator...) is
        // reported by its own analyzer (GEN004, GEN006-GEN013, one per rule); here it silently produces no code.
        if (DeclarationRules.AnyBroken(method, syntax, context.SemanticModel, cancellation)) return null;
        var types = ContainingTypes(syntax);

        if (known.ContractVersion != Emit.GeneratedCodeContract.Version)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.RuntimeMismatch, syntax.Identifier.GetLocation(),
                Emit.GeneratedCodeContract.Version.ToString(),
                known.ContractVersion is { } version ? $"implements version {version}" : "declares no contract (it predates it)", method.Name));
            return null;
        }

        // The generative function keeps its arguments in fields (a trace is made again from them): a ref struct cannot be one.
        foreach (var parameter in method.Parameters.Where(p => p.Type.IsRefLikeType))
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.CannotCompile, parameter.Locations.FirstOrDefault() ?? syntax.Identifier.GetLocation(),
                $"Gen cannot compile this: the parameter '{parameter.Name}' is a {parameter.Type.ToDisplayString()}, a ref struct, but a generative function " +
                "keeps its arguments (its traces are edited and made again from them); take a double[] (or another array) instead."));
        if (diagnostics.Any(d => d.Id == Descriptors.CannotCompileId)) return null;

        // The gradient body carries gradients in the double parameters when it can (a caller's traced call may pass
        // continuous values); when that is what puts it outside the differentiable subset, it is lowered again with
        // the parameters as constants, and only a caller that passes continuous values meets the reason.
        var realParameters = IrLowering.RealParameters(method).Any();
        var lowering = new IrLowering(context.SemanticModel, known, cancellation, realParameters ? ArgumentActivity.Reals : ArgumentActivity.None);
        var body = lowering.Lower(syntax, method.Name);
        string? argumentObstacle = null;
        if (realParameters && lowering.GradientObstacle is { } inArguments)
        {
            lowering = new IrLowering(context.SemanticModel, known, cancellation);
            body = lowering.Lower(syntax, method.Name);
            argumentObstacle = lowering.GradientObstacle is null ? inArguments : null;
        }
        diagnostics.AddRange(lowering.Diagnostics);
        diagnostics.AddRange(SlotPlanner.Duplicates(lowering.Facts, method.Name));
        if (diagnostics.Any(d => d.Id == Descriptors.CannotCompileId || d.Id == Descriptors.DuplicateAddressId)) return null;

        var (schema, siteSlots) = SlotPlanner.Plan(lowering.Facts, lowering.Sites);
        // Sites the planner keeps at run-time addresses (a family whose sites differ in value type) have no slot for a
        // gradient body to read: the lowering only knew of addresses written at run time.
        var gradientObstacle = lowering.GradientObstacle ?? (schema.HasRuntimeAddresses && siteSlots.Any(slot => slot < 0)
            ? "sites at one address family with values of different types, which the trace keeps at run-time addresses"
            : null);
        if (gradientObstacle is not null)
            diagnostics.Add(new DiagnosticInfo(Descriptors.NoGradientId, lowering.GradientObstacle is null ? LocationInfo.From(syntax.Identifier.GetLocation()) : lowering.GradientObstacleLocation,
                new[] { method.Name, gradientObstacle }.ToEquatableArray()));
        var (arrayBody, arrayObstacle) = gradientObstacle is null
            ? ArrayGradient(context, known, syntax, method, realParameters && argumentObstacle is null, cancellation)
            : (null, null);

        var sites = lowering.Sites.Select(s => s with { Slot = siteSlots[s.Index] }).ToEquatableArray();
        var callees = new KernelCallees(known, cancellation, [method], dependencies, cached);
        var kernel = schema.HasRuntimeAddresses
            ? new KernelAnalysis("a choice at an address known only at run time (a kernel's columns are laid out by constant and (name, i) addresses)", null, EquatableArray<KernelCallModel>.Empty)
            : KernelSubset.Analyse(context.SemanticModel, method, (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody!, lowering, siteSlots, callees);
        return new GenMethodModel(
            method.ContainingNamespace.IsGlobalNamespace ? null : method.ContainingNamespace.ToDisplayString(),
            types.ToEquatableArray(),
            Usings(syntax, context.SemanticModel).ToEquatableArray(),
            method.Name,
            UniqueName(method),
            TypeNames.FullyQualified(method.ReturnType),
            TypeNames.Display(method.ReturnType),
            method.Parameters.Select(Parameter).ToEquatableArray(),
            body,
            sites,
            schema,
            Accessibility(method.DeclaredAccessibility),
            gradientObstacle,
            argumentObstacle,
            arrayBody,
            arrayObstacle,
            kernel.Obstacle,
            kernel.OnHost,
            kernel.Calls);
    }

    /// <summary>
    /// The gradient body with the double[] parameters carrying gradients, element by element (for
    /// <c>trace.ArrayArgumentGradients()</c> and for a caller's traced call passing continuous arrays), or why there is
    /// none; neither for a method without double[] parameters. A separate body, so the ordinary gradient keeps reading a
    /// model's data arrays as plain doubles. Its double parameters carry gradients as the ordinary body's do.
    /// </summary>
    private static (IrBlock? Body, string? Obstacle) ArrayGradient(GeneratorAttributeSyntaxContext context, KnownTypes known,
        MethodDeclarationSyntax syntax, IMethodSymbol method, bool realsActive, CancellationToken cancellation)
    {
        if (!IrLowering.ArrayParameters(method).Any()) return (null, null);
        var activity = ArgumentActivity.Arrays | (realsActive ? ArgumentActivity.Reals : ArgumentActivity.None);
        var lowering = new IrLowering(context.SemanticModel, known, cancellation, activity);
        var body = lowering.Lower(syntax, method.Name);
        return lowering.GradientObstacle is { } obstacle ? (null, obstacle) : (body, null);
    }

    /// <summary>The enclosing types, outermost first (each is partial: <see cref="DeclarationRules.NonPartialType"/>).</summary>
    internal static List<ContainingType> ContainingTypes(MethodDeclarationSyntax syntax)
    {
        var result = new List<ContainingType>();
        foreach (var declaration in syntax.Ancestors().OfType<TypeDeclarationSyntax>())
        {
            var keyword = declaration is RecordDeclarationSyntax record
                ? "record" + (record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? " struct" : "")
                : declaration.Keyword.ValueText;
            result.Insert(0, new ContainingType(keyword, declaration.Identifier.ValueText, declaration.TypeParameterList?.ToString() ?? "",
                declaration.Modifiers.Any(SyntaxKind.StaticKeyword)));
        }
        return result;
    }

    /// <summary>
    /// The using directives in scope of the method (file and enclosing namespaces), which its copied body needs,
    /// rewritten with fully qualified targets so that they mean the same at the top of the generated file.
    /// </summary>
    internal static IEnumerable<string> Usings(SyntaxNode syntax, SemanticModel model)
    {
        var usings = new List<string>();
        foreach (var ancestor in syntax.Ancestors())
        {
            var directives = ancestor switch
            {
                BaseNamespaceDeclarationSyntax ns => ns.Usings,
                CompilationUnitSyntax unit => unit.Usings,
                _ => default,
            };
            usings.InsertRange(0, directives.Where(u => u.GlobalKeyword.IsKind(SyntaxKind.None)).Select(u => Qualified(u, model)));
        }
        return usings.Distinct();
    }

    private static string Qualified(UsingDirectiveSyntax directive, SemanticModel model)
    {
        var target = directive.Alias is not null
            ? (model.GetDeclaredSymbol(directive) as IAliasSymbol)?.Target
            : directive.NamespaceOrType is { } name ? model.GetSymbolInfo(name).Symbol as INamespaceOrTypeSymbol : null;
        if (target is null or IErrorTypeSymbol) return directive.WithoutTrivia().ToString();
        var text = target.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        if (directive.Alias is not null) return $"using {directive.Alias.Name} = {text};";
        return directive.StaticKeyword.IsKind(SyntaxKind.None) ? $"using {text};" : $"using static {text};";
    }

    /// <summary>The method's name, with a suffix when [Gen] overloads share it, for unique generated class names.</summary>
    internal static string UniqueName(IMethodSymbol method)
    {
        var overloads = method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>()
            .Where(m => m.DeclaringSyntaxReferences.Length > 0)
            .OrderBy(m => m.DeclaringSyntaxReferences[0].SyntaxTree.FilePath, StringComparer.Ordinal)
            .ThenBy(m => m.DeclaringSyntaxReferences[0].Span.Start)
            .ToList();
        var position = overloads.FindIndex(m => SymbolEqualityComparer.Default.Equals(m, method));
        return position <= 0 ? method.Name : method.Name + "_" + (position + 1);
    }

    private static ParameterModel Parameter(IParameterSymbol parameter)
    {
        var type = TypeNames.FullyQualified(parameter.Type);
        var declared = TypeNames.Annotated(parameter.Type);
        return new(type, Identifier(parameter.Name), parameter.HasExplicitDefaultValue ? DefaultValue(parameter) : null, parameter.IsParams,
            TypeNames.Display(parameter.Type), declared == type ? null : declared);
    }

    internal static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    internal static string DefaultValue(IParameterSymbol parameter)
    {
        return parameter.ExplicitDefaultValue switch
        {
            null => "default",
            double d when double.IsNaN(d) => "double.NaN",
            double d when double.IsInfinity(d) => d > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity",
            float f when float.IsNaN(f) => "float.NaN",
            float f when float.IsInfinity(f) => f > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity",
            string s => SymbolDisplay.FormatLiteral(s, quote: true),
            bool b => b ? "true" : "false",
            char c => SymbolDisplay.FormatLiteral(c, quote: true),
            double d => SymbolDisplay.FormatPrimitive(d, quoteStrings: false, useHexadecimalNumbers: false) + "d",
            float f => SymbolDisplay.FormatPrimitive(f, quoteStrings: false, useHexadecimalNumbers: false) + "f",
            var other when parameter.Type.TypeKind == TypeKind.Enum =>
                $"({TypeNames.FullyQualified(parameter.Type)})({SymbolDisplay.FormatPrimitive(other, false, false)})",
            var other => $"({TypeNames.FullyQualified(parameter.Type)}){SymbolDisplay.FormatPrimitive(other, false, false)}",
        };
    }

    /// <summary>The factory is as accessible as the [Gen] method (public for a public model, as the design says).</summary>
    internal static string Accessibility(Accessibility accessibility) => accessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public",
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };
}
