using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gen.Diagnostics;
using Gen.Generators.Models;
using Gen.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.Generators.Ir;

/// <summary>Branch and loop bookkeeping (for GEN002), GEN004 reporting and text helpers.</summary>
internal sealed partial class IrLowering
{
    private bool ContainsSite(SyntaxNode node)
    {
        foreach (var site in _shapes.Keys)
            if (node.Span.Contains(site.Span)) return true;
        return false;
    }

    private List<InvocationExpressionSyntax> OutermostSites(ExpressionSyntax expression) =>
        _shapes.Keys
            .Where(s => expression.Span.Contains(s.Span))
            .Where(s => !_shapes.Keys.Any(o => o != s && expression.Span.Contains(o.Span) && o.Span.Contains(s.Span)))
            .OrderBy(s => s.SpanStart)
            .ToList();

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

    /// <summary>Sites in different arms of a conditional or switch expression are exclusive too.</summary>
    private T InExpressionArm<T>(ExpressionSyntax root, SyntaxNode site, Func<T> lower)
    {
        var opened = 0;
        foreach (var ancestor in site.Ancestors().TakeWhile(a => a != root.Parent).Reverse())
        {
            int arm;
            switch (ancestor)
            {
                case ConditionalExpressionSyntax c when c.WhenTrue.Span.Contains(site.Span): arm = 0; break;
                case ConditionalExpressionSyntax c when c.WhenFalse.Span.Contains(site.Span): arm = 1; break;
                case SwitchExpressionSyntax s when s.Arms.FirstOrDefault(a => a.Span.Contains(site.Span)) is { } hit: arm = s.Arms.IndexOf(hit); break;
                default: continue;
            }
            _path.Add(new BranchStep(BranchId(ancestor), arm));
            opened++;
        }
        try { return lower(); }
        finally { _path.RemoveRange(_path.Count - opened, opened); }
    }

    private readonly Dictionary<SyntaxNode, int> _expressionBranches = new();

    private int BranchId(SyntaxNode node)
    {
        if (!_expressionBranches.TryGetValue(node, out var id)) _expressionBranches[node] = id = ++_branches;
        return id;
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
    /// The statement as written. Its later lines lose the indentation of its first, so emitters can indent it anew —
    /// unless a string literal spans lines: re-indenting would change the string, so it is then kept exactly.
    /// </summary>
    private static IrVerbatim Verbatim(StatementSyntax statement)
    {
        var text = statement.ToString();
        if (statement.DescendantTokens().Any(t => t.Text.IndexOf('\n') >= 0)) return new IrVerbatim(text, Reindent: false);
        var column = statement.GetLocation().GetLineSpan().StartLinePosition.Character;
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            var strip = 0;
            while (strip < column && strip < lines[i].Length && lines[i][strip] == ' ') strip++;
            lines[i] = lines[i].Substring(strip);
        }
        return new IrVerbatim(string.Join("\n", lines), Reindent: true);
    }
}
