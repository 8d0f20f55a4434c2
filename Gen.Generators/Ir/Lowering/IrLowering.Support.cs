using System;
using System.Collections.Generic;
using System.Linq;
using Gen.Diagnostics;
using Gen.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.Generators.Ir;

/// <summary>Branch and loop bookkeeping (for GEN002), GEN004 reporting and text helpers.</summary>
internal sealed partial class IrLowering
{
    private HashSet<SyntaxNode>? _holdsSite;

    /// <summary>Whether <paramref name="node"/> is or contains a sample site (the sites and their ancestors, found once).</summary>
    private bool ContainsSite(SyntaxNode node)
    {
        if (_holdsSite is null)
        {
            _holdsSite = new HashSet<SyntaxNode>();
            foreach (var site in _shapes.Keys)
                foreach (var ancestor in site.AncestorsAndSelf())
                    if (!_holdsSite.Add(ancestor)) break;
        }
        return _holdsSite.Contains(node);
    }

    private T InLoop<T>(Func<T> lower)
    {
        _loopDepth++;
        try { return lower(); }
        finally { _loopDepth--; }
    }

    private T InArm<T>(int branch, int arm, Func<T> lower)
    {
        _path.Add(new BranchStep(branch, arm));
        try { return lower(); }
        finally { _path.RemoveAt(_path.Count - 1); }
    }

    /// <summary>Whether control never falls out of <paramref name="statement"/> (every path returns or throws).</summary>
    private static bool AlwaysExits(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax or ThrowStatementSyntax => true,
        BlockSyntax block => block.Statements.LastOrDefault() is { } last && AlwaysExits(last),
        IfStatementSyntax { Else: { } otherwise } branch => AlwaysExits(branch.Statement) && AlwaysExits(otherwise.Statement),
        SwitchStatementSyntax @switch =>
            @switch.Sections.Any(s => s.Labels.Any(l => l is DefaultSwitchLabelSyntax))
            && @switch.Sections.All(s => s.Statements.LastOrDefault() is { } last && AlwaysExits(last)),
        _ => false,
    };

    private static string Closure(SyntaxNode closure) => closure switch
    {
        LocalFunctionStatementSyntax => "a local function",
        QueryExpressionSyntax => "a LINQ query (its clauses are lambdas)",
        _ => "a lambda",
    };

    private void ReportDirectGenCall(InvocationExpressionSyntax invocation, string methodName)
    {
        if (_model.GetSymbolInfo(invocation).Symbol is IMethodSymbol callee && _known.IsGenMethod(callee))
            Unsupported(invocation,
                $"'{Short(invocation)}' calls the [Gen] method {callee.Name} directly inside [Gen] method {methodName}, so its choices would not be traced; " +
                $"trace the call instead: {callee.Name}Gen(...).At(\"{Camel(callee.Name)}\")");
    }

    /// <summary>
    /// A goto could jump back over a site with a constant address, visiting it twice where GEN002 cannot see it (such
    /// sites are not checked at run time), so a body with sites may not use one.
    /// </summary>
    private void ReportBackwardJumps(SyntaxNode body)
    {
        foreach (var jump in body.DescendantNodes().OfType<GotoStatementSyntax>())
            Unsupported(jump, $"'{Short(jump)}' in a [Gen] body with sample sites: a jump back could visit a constant address twice; write the loop with for, while or do");
    }

    private void Unsupported(SyntaxNode node, string message) =>
        _diagnostics.Add(DiagnosticInfo.Create(Descriptors.CannotCompile, node, "Gen cannot compile this: " + message + "."));

    private static string Describe(StatementSyntax statement) => statement switch
    {
        TryStatementSyntax => "a try statement",
        UsingStatementSyntax => "a using statement",
        LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 } => "a using declaration",
        LockStatementSyntax => "a lock statement",
        LocalFunctionStatementSyntax => "a local function",
        YieldStatementSyntax => "a yield statement",
        CheckedStatementSyntax => "a checked/unchecked block",
        UnsafeStatementSyntax => "an unsafe block",
        FixedStatementSyntax => "a fixed statement",
        LabeledStatementSyntax => "a labeled statement",
        ThrowStatementSyntax => "a throw statement",
        GotoStatementSyntax => "a goto statement",
        _ => "a " + statement.Kind().ToString().Replace("Statement", " statement").ToLowerInvariant(),
    };

    private static string Short(SyntaxNode node)
    {
        var text = node.ToString();
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);

    /// <summary>
    /// A statement without sites, as written. Its later lines lose the indentation of its first, so emitters can indent
    /// it anew — unless a string literal spans lines: re-indenting would change the string, so it is then kept exactly.
    /// </summary>
    private IrCode Code(StatementSyntax statement)
    {
        var text = statement.ToString();
        var gradient = _gradient.RewriteStatement(statement);
        var kernel = KernelReturns.Rewrite(statement, _gradient.ReturnType);
        if (statement.DescendantTokens().Any(t => t.Text.IndexOf('\n') >= 0)) return new IrCode(text, Reindent: false, gradient, kernel);
        var column = statement.GetLocation().GetLineSpan().StartLinePosition.Character;
        return new IrCode(Unindent(text, column), Reindent: true, gradient is null ? null : Unindent(gradient, column), kernel is null ? null : Unindent(kernel, column));
    }

    private static string Unindent(string text, int column)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            var strip = 0;
            while (strip < column && strip < lines[i].Length && lines[i][strip] == ' ') strip++;
            lines[i] = lines[i].Substring(strip);
        }
        return string.Join("\n", lines);
    }
}
