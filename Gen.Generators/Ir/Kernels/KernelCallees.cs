using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gen.Generators.Models;
using Gen.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.Generators.Ir;

/// <summary>
/// A traced call a kernel makes: site <paramref name="Site"/> calls the kernel form <paramref name="Struct"/> of a
/// [Gen] method of this compilation with <paramref name="Arguments"/> (as written; an array argument is the caller's
/// own array parameter, whose kernel view the callee reads).
/// </summary>
/// <param name="Map">For a combinator's calls (Vmap, Repeat, Scan) at the site: how many, and what else the kernel checks; the
/// arguments are then those of call i (<c>__i{Site}</c>).</param>
/// <param name="Switch">For a Switch at the site: its selector and its branches' calls (then <paramref name="Struct"/> and
/// <paramref name="Arguments"/> are branch 0's).</param>
internal sealed record KernelCallModel(int Site, string Struct, EquatableArray<string> Arguments, KernelMap? Map = null, KernelSwitch? Switch = null);

/// <summary>
/// A Switch in a kernel: branch b's call (<paramref name="Branches"/>[b]) at the Switch's own address and key, chosen by
/// <paramref name="Selector"/> (an int index, or with <paramref name="Condition"/> a bool: branch 0 when it holds); the
/// branches return <paramref name="ReturnType"/>.
/// </summary>
internal sealed record KernelSwitch(string Selector, bool Condition, EquatableArray<KernelCallModel> Branches, string ReturnType);

/// <summary>
/// A combinator's calls in a kernel: <paramref name="Count"/> calls of one kernel form at the combinator's address, call i
/// at index i below it (Vmap: with element i of the mapped arrays; Repeat: the same arguments; Scan: with i and the
/// state call i − 1 returned), as the CPU's
/// <c>IndexedCombinator</c> makes them. <paramref name="Fault"/>: a condition under which the CPU would throw (arrays of
/// different lengths, a negative count), so the particle runs there.
/// </summary>
/// <param name="Carry">For a Scan: the state's type, and its value before call 0 (call i's return value is call i + 1's state, <c>__carry{Site}</c>).</param>
internal sealed record KernelMap(string Combinator, string Count, string? Fault, (string Type, string Init)? Carry = null);

/// <summary>
/// Whether a traced call can run inside a kernel: a call <c>XGen(args).At(...)</c> of a [Gen] method X of this
/// compilation whose own body is in the kernel subset (checked here, callees of callees too), with site-free arguments
/// and X's array parameters given the caller's array parameters. Each callee is analysed once per caller.
/// </summary>
/// <param name="read">Where to record what the caller takes from each direct callee (a <see cref="BodyDependency"/>).</param>
/// <param name="cached">A [Gen] method's own parse result the cache keeps, if any: its kernel analysis, without lowering its body again.</param>
internal sealed class KernelCallees(KnownTypes known, CancellationToken cancellation, IReadOnlyCollection<IMethodSymbol> callers, List<BodyDependency>? read = null,
    System.Func<Compilation, MethodDeclarationSyntax, CancellationToken, ParseResult?>? cached = null)
{
    private readonly Dictionary<IMethodSymbol, (string? Obstacle, string? OnHost)> _analysed = new(SymbolEqualityComparer.Default);
    private readonly List<BodyDependency> _read = read ?? []; // what the caller took from each callee (ParseCache checks the callees still say it)

    /// <summary>Why a kernel cannot make a traced call of anything but a [Gen] method's factory.</summary>
    public const string NotAGenCall = "a traced call of a combinator or of a generative function value (a kernel makes traced calls of " +
        "kernel-subset [Gen] methods of this compilation, written XGen(...).At(...), Vmap, Repeat or Scan of them as a statement, or Switch of them)";

    /// <summary>
    /// The kernel call of <paramref name="shape"/> (a traced call in <paramref name="model"/>'s tree), or why a kernel cannot
    /// make it; <paramref name="admitted"/> gets the syntax the call's check covers that the body's scan would refuse (a
    /// Vmap's lambda and its call, the arrays a callee is given).
    /// </summary>
    public (KernelCallModel? Call, string? Obstacle, string? OnHost) Resolve(SemanticModel model, SiteShape shape, int site, ICollection<SyntaxNode> admitted)
    {
        if (shape.Receiver is not InvocationExpressionSyntax receiver) return (null, NotAGenCall, null);
        if (KernelCombinators.Of(model, receiver) is { } combinator) return KernelCombinators.Resolve(this, model, shape, site, receiver, combinator, admitted);
        var (call, obstacle, onHost) = ResolveFactoryCall(model, receiver, site, a => a.ToString(), admitted);
        return (call, obstacle, onHost);
    }

    /// <summary>
    /// A call <c>XGen(args)</c> of a kernel-subset [Gen] method's factory, its arguments printed by <paramref name="text"/>
    /// (as written, or with a Vmap's lambda parameters replaced by array elements), or why a kernel cannot make it.
    /// </summary>
    internal (KernelCallModel? Call, string? Obstacle, string? OnHost) ResolveFactoryCall(SemanticModel model, InvocationExpressionSyntax receiver, int site,
        System.Func<ExpressionSyntax, string> text, ICollection<SyntaxNode> admitted)
    {
        // The overload C# binds, never a guess: the kernel calls that overload's kernel form with the arguments as written.
        if (new SiteRecognizer(model, known).BoundFactoryTarget(receiver, out var overloaded) is not { } callee)
            return (null, overloaded
                ? "a traced call of an overloaded [Gen] method whose overload the generator cannot tell yet (an argument's type comes from generated code: give it an explicit type)"
                : NotAGenCall, null);
        if (receiver.ArgumentList.Arguments.Count != callee.Parameters.Length)
            return (null, $"a traced call of {callee.Name} that leaves out optional or params arguments (a kernel's call passes every argument: write them out)", null);
        var arguments = new List<string>();
        for (var i = 0; i < receiver.ArgumentList.Arguments.Count; i++)
        {
            var argument = receiver.ArgumentList.Arguments[i];
            if (argument.NameColon is not null || !argument.RefKindKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.None))
                return (null, $"a traced call of {callee.Name} with a named or ref argument", null);
            arguments.Add(text(argument.Expression));
        }
        return ResolveCallee(model, callee, receiver.ArgumentList.Arguments.Select(a => a.Expression).ToList(), arguments, site, admitted);
    }

    /// <summary>
    /// A traced call of <paramref name="callee"/> with <paramref name="expressions"/> (printed as <paramref name="arguments"/>):
    /// its kernel call, or why there is none (a generic, recursive or non-subset callee, sites or foreign arrays in the arguments).
    /// </summary>
    internal (KernelCallModel? Call, string? Obstacle, string? OnHost) ResolveCallee(SemanticModel model, IMethodSymbol callee, IReadOnlyList<ExpressionSyntax> expressions,
        IReadOnlyList<string> arguments, int site, ICollection<SyntaxNode> admitted)
    {
        if (callee.IsGenericMethod || Enclosing(callee).Any(t => t.IsGenericType))
            return (null, $"a traced call of the generic [Gen] method {callee.Name}", null);
        if (callers.Contains(callee, SymbolEqualityComparer.Default))
            return (null, $"a recursive traced call of {callee.Name} (a kernel's calls are inlined)", null);
        for (var i = 0; i < expressions.Count; i++)
        {
            var expression = expressions[i];
            if (expression.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(SiteRecognizer.LooksLikeSite))
                return (null, $"a traced call of {callee.Name} whose arguments hold sample sites (bind them to locals first)", null);
            var parameter = callee.Parameters[i].Type;
            if (!KernelSubset.IsArray(parameter)) continue;
            if (!IsArrayParameter(model, expression, parameter))
                return (null, $"a traced call of {callee.Name} whose array argument '{expression}' is not an array parameter of the caller (a kernel's arrays are its arguments)", null);
            admitted.Add(expression); // the callee reads the caller's array parameter it is given: no other use of an array
        }
        var (obstacle, onHost) = Analyse(model.Compilation, callee);
        if (obstacle is not null) return (null, $"a traced call of {callee.Name}, which is outside the kernel subset: {obstacle}", null);
        var container = string.Join(".", Enclosing(callee).Reverse().Select(t => t.Name));
        var ns = callee.ContainingNamespace.IsGlobalNamespace ? "global::" : "global::" + callee.ContainingNamespace.ToDisplayString() + ".";
        var name = $"{ns}{container}.__{GenMethodParser.UniqueName(callee)}Kernel";
        return (new KernelCallModel(site, name, arguments.ToEquatableArray()), null,
            onHost is null ? null : $"a traced call of {callee.Name}, whose kernel runs on the host only: {onHost}");
    }

    /// <summary>
    /// The [Gen] method a method group <c>XGen</c> (or <c>Type.XGen</c>) stands for when mapped over <paramref name="arrays"/>:
    /// the overload C# binds for <c>X(xs[0], …)</c>; null for anything else.
    /// </summary>
    internal IMethodSymbol? MethodGroupTarget(SemanticModel model, ExpressionSyntax group, IReadOnlyList<ExpressionSyntax> arrays) =>
        MethodGroupTarget(model, group, arrays.Select(a => $"{a}[0]").ToList());

    /// <summary>The [Gen] method a method group <c>XGen</c> stands for when called with arguments like <paramref name="probe"/> (their text): the overload C# binds.</summary>
    internal IMethodSymbol? MethodGroupTarget(SemanticModel model, ExpressionSyntax group, IReadOnlyList<string> probe)
    {
        var (name, prefix) = group switch
        {
            IdentifierNameSyntax identifier => (identifier.Identifier.ValueText, ""),
            MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member } access => (member.Identifier.ValueText, access.Expression + "."),
            _ => (null, ""),
        };
        if (name is null || !name.EndsWith("Gen", System.StringComparison.Ordinal) || name.Length == 3 || model.GetSymbolInfo(group).Symbol is not null) return null;
        var call = $"{prefix}{name.Substring(0, name.Length - 3)}({string.Join(", ", probe)})";
        var bound = model.GetSpeculativeSymbolInfo(group.SpanStart, Microsoft.CodeAnalysis.CSharp.SyntaxFactory.ParseExpression(call), SpeculativeBindingOption.BindAsExpression).Symbol as IMethodSymbol;
        return bound is not null && known.IsGenMethod(bound.OriginalDefinition) && bound.Parameters.Length == probe.Count ? bound : null;
    }

    /// <summary>The [Gen] method a factory call <c>XGen(...)</c> binds (the overload C# binds), or null.</summary>
    internal IMethodSymbol? FactoryTarget(SemanticModel model, InvocationExpressionSyntax call) => new SiteRecognizer(model, known).BoundFactoryTarget(call, out _);

    /// <summary>The name <see cref="Compilation.GetTypeByMetadataName"/> finds a (non-generic) type by: <c>Ns.Outer+Inner</c>.</summary>
    private static string MetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType) name = outer.MetadataName + "+" + name;
        return type.ContainingNamespace.IsGlobalNamespace ? name : type.ContainingNamespace.ToDisplayString() + "." + name;
    }

    private static IEnumerable<INamedTypeSymbol> Enclosing(IMethodSymbol method)
    {
        for (var type = method.ContainingType; type is not null; type = type.ContainingType) yield return type;
    }

    internal static bool IsArrayParameter(SemanticModel model, ExpressionSyntax expression, ITypeSymbol type) =>
        expression is IdentifierNameSyntax && model.GetSymbolInfo(expression).Symbol is IParameterSymbol { RefKind: RefKind.None } p
        && SymbolEqualityComparer.Default.Equals(p.Type, type);

    /// <summary>
    /// The callee's kernel obstacle and host-only reason: its own result where the cache holds it, else from its body
    /// (lowered again here); recorded as what the caller's result depends on.
    /// </summary>
    private (string? Obstacle, string? OnHost) Analyse(Compilation compilation, IMethodSymbol callee)
    {
        if (_analysed.TryGetValue(callee, out var analysed)) return analysed;
        var result = AnalyseBody(compilation, callee);
        _analysed[callee] = result;
        _read.Add(new BodyDependency(MetadataName(callee.ContainingType), callee.Name, GenMethodParser.UniqueName(callee), result.Obstacle, result.OnHost));
        return result;
    }

    private (string? Obstacle, string? OnHost) AnalyseBody(Compilation compilation, IMethodSymbol callee)
    {
        if (callee.DeclaringSyntaxReferences.Length != 1 || callee.DeclaringSyntaxReferences[0].GetSyntax(cancellation) is not MethodDeclarationSyntax syntax
            || ((SyntaxNode?)syntax.Body ?? syntax.ExpressionBody) is not { } body)
            return ("its body is not in this compilation", null);
        // The callee's own result, where the cache holds it (a cycle through it shows there too).
        if (cached?.Invoke(compilation, syntax, cancellation) is { Model: { } parsed }) return (parsed.KernelObstacle, parsed.DeviceObstacle);
        var model = compilation.GetSemanticModel(syntax.SyntaxTree);
        var lowering = new IrLowering(model, known, cancellation);
        lowering.Lower(syntax, callee.Name);
        if (lowering.Diagnostics.Any(d => Gen.Diagnostics.Descriptors.ById(d.Id).DefaultSeverity == DiagnosticSeverity.Error)) return ("it does not compile as a [Gen] method", null);
        var (schema, slots) = SlotPlanner.Plan(lowering.Facts, lowering.Sites);
        if (schema.HasRuntimeAddresses) return ("a choice at an address known only at run time", null);
        // The callee's callees: what they say is the callee's own dependency, not the caller's.
        var inner = new KernelCallees(known, cancellation, [.. callers, callee], null, cached);
        var analysis = KernelSubset.Analyse(model, callee, body, lowering, slots, inner);
        return (analysis.Obstacle, analysis.OnHost);
    }

}
