using System.Collections.Generic;
using System.Linq;
using Gen.Generators.Models;
using Gen.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.Generators.Ir;

/// <summary>
/// A combinator's traced call in a kernel: <c>Vmap(f, xs).At("a")</c> (f a lambda calling a kernel-subset [Gen] method's
/// factory, or that factory as a method group; one or two array parameters of the caller), <c>Repeat(n, XGen(...)).At("a")</c>
/// and <c>Scan((t, s) =&gt; XGen(...), steps, init).At("a")</c> (or <c>s =&gt; …</c>, or the method group), as statements at
/// constant addresses; and <c>Switch(k, AGen(...), BGen(...)).At("a")</c>, whose value is the branch's (its call is branch
/// k's, at the Switch's address and key). The kernel makes the combinator's calls as the CPU's combinator does: one call
/// at the address, under it call i at index i (its key index i), each through the callee's <c>CallAt</c>.
/// </summary>
internal static class KernelCombinators
{
    /// <summary>The combinator <paramref name="receiver"/> calls (Gen.Combinators' Vmap, Repeat, Scan or Switch), or null.</summary>
    public static string? Of(SemanticModel model, InvocationExpressionSyntax receiver)
    {
        // A factory the generator has not written yet leaves the combinator's call unbound: its candidates still name it.
        var info = model.GetSymbolInfo(receiver);
        var candidates = info.Symbol is { } bound ? new[] { bound } : info.CandidateSymbols.ToArray();
        return candidates.OfType<IMethodSymbol>().FirstOrDefault(m => m.Name is "Vmap" or "Repeat" or "Scan" or "Switch"
            && m.ContainingType is { Name: "Combinators", ContainingNamespace: { Name: "Gen", ContainingNamespace.IsGlobalNamespace: true } })?.Name;
    }

    /// <summary>The kernel call of the combinator's site, or why there is none; the syntax its check covers goes to <paramref name="admitted"/>.</summary>
    public static (KernelCallModel? Call, string? Obstacle, string? OnHost) Resolve(KernelCallees callees, SemanticModel model, SiteShape shape, int site,
        InvocationExpressionSyntax receiver, string combinator, ICollection<SyntaxNode> admitted)
    {
        if (combinator == "Switch") return Switch(callees, model, site, receiver.ArgumentList.Arguments, admitted);
        if (shape.Invocation.Parent is not ExpressionStatementSyntax)
            return (null, $"a {combinator} whose array of return values is used (a kernel makes no arrays: write the {combinator} as a statement, " +
                "or a loop of traced calls XGen(...).At(\"a\", i) whose values the kernel uses)", null);
        if (shape.Invocation.ArgumentList.Arguments.Count != 1 || model.GetTypeInfo(shape.Invocation.ArgumentList.Arguments[0].Expression).Type?.SpecialType != SpecialType.System_String)
            return (null, $"a {combinator} at an address other than a constant name (a kernel lays out a combinator's calls at one name)", null);
        var arguments = receiver.ArgumentList.Arguments;
        if (arguments.Any(a => a.NameColon is not null || !a.RefKindKeyword.IsKind(SyntaxKind.None)))
            return (null, $"a {combinator} with a named or ref argument", null);
        var index = "__i" + site;
        return combinator switch
        {
            "Vmap" => Vmap(callees, model, site, arguments, index, admitted),
            "Repeat" => Repeat(callees, model, site, arguments, admitted),
            _ => Scan(callees, model, site, arguments, index, admitted),
        };
    }

    private static (KernelCallModel?, string?, string?) Vmap(KernelCallees callees, SemanticModel model, int site, SeparatedSyntaxList<ArgumentSyntax> arguments,
        string index, ICollection<SyntaxNode> admitted)
    {
        if (arguments.Count is not (2 or 3)) return (null, "a Vmap not over one or two arrays", null);
        var arrays = arguments.Skip(1).Select(a => a.Expression).ToList();
        foreach (var array in arrays)
        {
            if (model.GetSymbolInfo(array).Symbol is not IParameterSymbol { RefKind: RefKind.None } parameter || !KernelSubset.IsArray(parameter.Type))
                return (null, $"a Vmap over '{array}', which is not an array parameter of the method (a kernel maps over its argument arrays)", null);
            admitted.Add(array);
        }
        var elements = arrays.Select(a => $"{a}[{index}]").ToList();
        var count = $"{arrays[0]}.Length";
        var fault = arrays.Count == 2 ? $"{arrays[0]}.Length != {arrays[1]}.Length" : null; // the CPU's Vmap throws
        var kernel = Unparenthesized(arguments[0].Expression);
        (KernelCallModel? Call, string? Obstacle, string? OnHost) resolved;
        if (kernel is LambdaExpressionSyntax lambda)
        {
            var parameters = Parameters(lambda);
            if (parameters.Length != arrays.Count || lambda.ExpressionBody is not { } body || Unparenthesized(body) is not InvocationExpressionSyntax call)
                return (null, "a Vmap whose lambda is not one traced call's factory, (x) => XGen(...), with a parameter per array", null);
            var names = parameters.Select(p => p.Identifier.ValueText).ToList();
            admitted.Add(lambda);
            admitted.Add(call);
            resolved = callees.ResolveFactoryCall(model, call, site, e => Substituted(e, names, elements), admitted);
        }
        else if (callees.MethodGroupTarget(model, kernel, arrays) is { } target)
            resolved = callees.ResolveCallee(model, target, arrays, elements, site, admitted);
        else
            return (null, "a Vmap of something other than a lambda (x) => XGen(...) or a method group XGen of a kernel-subset [Gen] method", null);
        return resolved.Call is { } made ? (made with { Map = new KernelMap("Vmap", count, fault) }, null, resolved.OnHost) : resolved;
    }

    private static (KernelCallModel?, string?, string?) Repeat(KernelCallees callees, SemanticModel model, int site, SeparatedSyntaxList<ArgumentSyntax> arguments,
        ICollection<SyntaxNode> admitted)
    {
        if (arguments.Count != 2 || Unparenthesized(arguments[1].Expression) is not InvocationExpressionSyntax callee)
            return (null, "a Repeat of something other than a factory call XGen(...) of a kernel-subset [Gen] method", null);
        var count = arguments[0].Expression;
        if (count.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(SiteRecognizer.LooksLikeSite))
            return (null, "a Repeat whose count holds a sample site (bind it to a local first)", null);
        admitted.Add(callee);
        var resolved = callees.ResolveFactoryCall(model, callee, site, e => e.ToString(), admitted);
        return resolved.Call is { } made ? (made with { Map = new KernelMap("Repeat", $"({count})", $"({count}) < 0") }, null, resolved.OnHost) : resolved;
    }

    private static (KernelCallModel?, string?, string?) Scan(KernelCallees callees, SemanticModel model, int site, SeparatedSyntaxList<ArgumentSyntax> arguments,
        string index, ICollection<SyntaxNode> admitted)
    {
        if (arguments.Count != 3) return (null, "a Scan not applied at once, Scan(kernel, steps, init)", null);
        var (steps, init) = (arguments[1].Expression, arguments[2].Expression);
        if (new[] { steps, init }.Any(e => e.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(SiteRecognizer.LooksLikeSite)))
            return (null, "a Scan whose step count or initial state holds a sample site (bind it to a local first)", null);
        var carry = "__carry" + site;
        var kernel = Unparenthesized(arguments[0].Expression);
        IMethodSymbol? callee;
        (KernelCallModel? Call, string? Obstacle, string? OnHost) resolved;
        if (kernel is LambdaExpressionSyntax lambda)
        {
            var parameters = Parameters(lambda);
            if (parameters.Length is not (1 or 2) || lambda.ExpressionBody is not { } body || Unparenthesized(body) is not InvocationExpressionSyntax call)
                return (null, "a Scan whose lambda is not one traced call's factory, (t, state) => XGen(...) or state => XGen(...)", null);
            admitted.Add(lambda);
            admitted.Add(call);
            var names = parameters.Select(p => p.Identifier.ValueText).ToList();
            var values = parameters.Length == 2 ? new List<string> { index, carry } : [carry];
            callee = callees.FactoryTarget(model, call);
            resolved = callees.ResolveFactoryCall(model, call, site, e => Substituted(e, names, values), admitted);
        }
        else
        {
            // A method group: the step and the state, or the state alone, as C# binds XGen for Scan's two kernel types.
            var probe = $"({init})";
            var withStep = callees.MethodGroupTarget(model, kernel, ["0", probe]);
            callee = withStep ?? callees.MethodGroupTarget(model, kernel, [probe]);
            if (callee is null)
                return (null, "a Scan of something other than a lambda (t, state) => XGen(...) or a method group XGen of a kernel-subset [Gen] method", null);
            resolved = callees.ResolveCallee(model, callee, [], withStep is not null ? [index, carry] : [carry], site, admitted);
        }
        if (resolved.Call is not { } made) return resolved;
        var state = callee!.ReturnType.ToDisplayString();
        return (made with { Map = new KernelMap("Scan", $"({steps})", $"({steps}) < 0", (state, $"({state})({init})")) }, null, resolved.OnHost);
    }

    /// <summary>
    /// <c>Switch(k, AGen(...), BGen(...), ...)</c> or <c>Switch(condition, AGen(...), BGen(...))</c>: each branch a factory
    /// call of a kernel-subset method (of one return type, as C# requires), the selector free of sample sites.
    /// </summary>
    private static (KernelCallModel?, string?, string?) Switch(KernelCallees callees, SemanticModel model, int site, SeparatedSyntaxList<ArgumentSyntax> arguments,
        ICollection<SyntaxNode> admitted)
    {
        if (arguments.Count < 2 || arguments.Any(a => a.NameColon is not null || !a.RefKindKeyword.IsKind(SyntaxKind.None)))
            return (null, "a Switch without its branches written out as arguments", null);
        var selector = arguments[0].Expression;
        if (selector.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(SiteRecognizer.LooksLikeSite))
            return (null, "a Switch whose index holds a sample site (bind it to a local first)", null);
        var condition = model.GetTypeInfo(selector).Type?.SpecialType == SpecialType.System_Boolean;
        var branches = new List<KernelCallModel>();
        string? onHost = null;
        foreach (var argument in arguments.Skip(1))
        {
            const string NotFactories = "a Switch whose branches are not factory calls XGen(...) of kernel-subset [Gen] methods";
            if (Unparenthesized(argument.Expression) is not InvocationExpressionSyntax branch) return (null, NotFactories, null);
            // The CPU evaluates every branch's arguments, the kernel the taken one's: none may read past an array's end.
            if (branch.ArgumentList.DescendantNodes().OfType<ElementAccessExpressionSyntax>().Any())
                return (null, "a Switch whose branch arguments read array elements (the CPU reads every branch's, a kernel the one it takes: bind them to locals first)", null);
            admitted.Add(branch);
            var (call, obstacle, host) = callees.ResolveFactoryCall(model, branch, site, e => e.ToString(), admitted);
            if (call is null) return (null, obstacle == KernelCallees.NotAGenCall ? NotFactories : obstacle, null);
            branches.Add(call);
            onHost ??= host;
        }
        var returned = callees.FactoryTarget(model, (InvocationExpressionSyntax)Unparenthesized(arguments[1].Expression))!.ReturnType.ToDisplayString();
        return (branches[0] with { Switch = new KernelSwitch(selector.ToString(), condition, branches.ToEquatableArray(), returned) }, null, onHost);
    }

    private static ParameterSyntax[] Parameters(LambdaExpressionSyntax lambda) => lambda switch
    {
        SimpleLambdaExpressionSyntax simple => [simple.Parameter],
        ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters.ToArray(),
        _ => [],
    };

    /// <summary><paramref name="expression"/> as written, its uses of the lambda's parameters <paramref name="names"/> replaced by <paramref name="elements"/>.</summary>
    private static string Substituted(ExpressionSyntax expression, List<string> names, List<string> elements)
    {
        var text = expression.ToString();
        var start = expression.SpanStart;
        // Right to left, so the earlier spans stay where they were. A name after a dot is a member, not the parameter.
        foreach (var name in expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().OrderByDescending(n => n.SpanStart))
        {
            var at = names.IndexOf(name.Identifier.ValueText);
            if (at < 0 || name.Parent is MemberAccessExpressionSyntax member && member.Name == name || name.Parent is NameColonSyntax) continue;
            text = text.Substring(0, name.SpanStart - start) + elements[at] + text.Substring(name.Span.End - start);
        }
        return text;
    }

    private static ExpressionSyntax Unparenthesized(ExpressionSyntax expression) =>
        expression is ParenthesizedExpressionSyntax parenthesized ? Unparenthesized(parenthesized.Expression) : expression;
}
