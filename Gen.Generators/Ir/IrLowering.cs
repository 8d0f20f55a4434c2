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

/// <summary>
/// Lowers a [Gen] method body (C# syntax) to the sample-primitive IR. Statements without sample sites stay
/// verbatim; statements with sites become structured IR nodes; every construct that cannot be lowered is
/// reported as GEN004 and lowering goes on, so one build shows every problem.
/// </summary>
internal sealed class IrLowering
{
    private readonly SemanticModel _model;
    private readonly KnownTypes _known;
    private readonly SiteRecognizer _recognizer;
    private readonly CancellationToken _cancellation;
    private readonly Dictionary<InvocationExpressionSyntax, SiteShape> _shapes = new();
    private readonly List<IrSite> _sites = new();
    private readonly List<SiteFacts> _facts = new();
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly List<BranchStep> _path = new();
    private int _branches;
    private int _loopDepth;

    public IrLowering(SemanticModel model, KnownTypes known, CancellationToken cancellation)
    {
        _model = model;
        _known = known;
        _recognizer = new SiteRecognizer(model, known);
        _cancellation = cancellation;
    }

    public IReadOnlyList<IrSite> Sites => _sites;
    public IReadOnlyList<SiteFacts> Facts => _facts;
    public List<DiagnosticInfo> Diagnostics => _diagnostics;

    public IrBlock Lower(MethodDeclarationSyntax method, string methodName)
    {
        SyntaxNode body = (SyntaxNode?)method.Body ?? method.ExpressionBody!;
        foreach (var invocation in body.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (SiteRecognizer.LooksLikeSite(invocation) && _recognizer.Recognize(invocation) is { } shape) _shapes[invocation] = shape;
            else if (SiteRecognizer.LooksLikeSite(invocation) && _recognizer.IsMistypedAddress(invocation) is { } address)
                Unsupported(address, $"the address '{address}' of '{Short(invocation)}' is {Article(_model.GetTypeInfo(address).Type)}; an address is a string, an int, a (string, int) pair or a Gen.Address");
            else ReportDirectGenCall(invocation, methodName);
        }
        if (method.Body is not null) return LowerBlockStatements(method.Body.Statements);
        var expression = method.ExpressionBody!.Expression;
        return new IrBlock(new IrStatement[] { new IrReturn(LowerExpr(expression)) }.ToEquatableArray());
    }

    // ------------------------------------------------------------------ statements

    private IrBlock LowerBlockStatements(SyntaxList<StatementSyntax> statements)
    {
        var lowered = new List<IrStatement>();
        var opened = 0;
        foreach (var statement in statements)
        {
            if (statement is IfStatementSyntax { Else: null } branch && AlwaysExits(branch.Statement))
            {
                // After `if (c) { ...; return; }` the rest of the block is the if's implicit else arm.
                var id = ++_branches;
                lowered.Add(ContainsSite(branch) ? LowerIf(branch, id) : new IrVerbatim(Verbatim(branch)));
                _path.Add(new BranchStep(id, 1));
                opened++;
                continue;
            }
            lowered.Add(LowerStatement(statement));
        }
        _path.RemoveRange(_path.Count - opened, opened);
        return new IrBlock(lowered.ToEquatableArray());
    }

    private IrStatement LowerStatement(StatementSyntax statement)
    {
        _cancellation.ThrowIfCancellationRequested();
        if (!ContainsSite(statement)) return new IrVerbatim(Verbatim(statement));
        switch (statement)
        {
            case BlockSyntax block:
                return LowerBlockStatements(block.Statements);
            case LocalDeclarationStatementSyntax local when local.UsingKeyword.IsKind(SyntaxKind.None) && !local.IsConst:
                return LowerLocal(local.Declaration);
            case ExpressionStatementSyntax expression:
                return new IrExpressionStatement(LowerExpr(expression.Expression));
            case ReturnStatementSyntax ret:
                return new IrReturn(ret.Expression is null ? null : LowerExpr(ret.Expression));
            case IfStatementSyntax branch:
                return LowerIf(branch, ++_branches);
            case ForStatementSyntax loop:
                return LowerFor(loop);
            case ForEachStatementSyntax loop:
                return new IrForeach(loop.Type + " " + loop.Identifier.ValueText, LowerExpr(loop.Expression), InLoop(() => LowerEmbedded(loop.Statement)));
            case ForEachVariableStatementSyntax loop:
                return new IrForeach(loop.Variable.ToString(), LowerExpr(loop.Expression), InLoop(() => LowerEmbedded(loop.Statement)));
            case WhileStatementSyntax loop:
                return InLoop(() => new IrWhile(LowerExpr(loop.Condition), LowerEmbedded(loop.Statement)));
            case DoStatementSyntax loop:
                return InLoop(() => new IrDo(LowerEmbedded(loop.Statement), LowerExpr(loop.Condition)));
            case SwitchStatementSyntax @switch:
                return LowerSwitch(@switch);
            default:
                Unsupported(statement, $"a sample site inside {Describe(statement)}");
                return new IrVerbatim(Verbatim(statement));
        }
    }

    private IrStatement LowerEmbedded(StatementSyntax statement) => LowerStatement(statement);

    private IrLocal LowerLocal(VariableDeclarationSyntax declaration)
    {
        var type = _model.GetTypeInfo(declaration.Type).Type;
        var variables = declaration.Variables
            .Select(v => new IrDeclarator(v.Identifier.ValueText, v.Initializer is null ? null : LowerExpr(v.Initializer.Value)))
            .ToEquatableArray();
        // `var a = LineGen(xs).At("a")` has no type yet while the generator runs (LineGen is generated): use the site's.
        var display = type is { TypeKind: not TypeKind.Error } ? TypeNames.Display(type)
            : variables.Count == 1 && variables[0].Initializer is IrSample sample ? _sites[sample.Site].ValueDisplay
            : declaration.Type.ToString();
        return new IrLocal(declaration.Type.ToString(), display, variables);
    }

    private IrStatement LowerIf(IfStatementSyntax branch, int id)
    {
        var condition = LowerExpr(branch.Condition);
        var then = InArm(id, 0, () => LowerEmbedded(branch.Statement));
        var otherwise = branch.Else is null ? null : InArm(id, 1, () => LowerEmbedded(branch.Else.Statement));
        return new IrIf(condition, then, otherwise);
    }

    private IrStatement LowerFor(ForStatementSyntax loop)
    {
        var declaration = loop.Declaration is null ? null : LowerLocal(loop.Declaration);
        var initializers = loop.Initializers.Select(LowerExpr).ToEquatableArray();
        return InLoop(() => new IrFor(declaration, initializers,
            loop.Condition is null ? null : LowerExpr(loop.Condition),
            loop.Incrementors.Select(LowerExpr).ToEquatableArray(),
            LowerEmbedded(loop.Statement)));
    }

    private IrStatement LowerSwitch(SwitchStatementSyntax @switch)
    {
        var subject = LowerExpr(@switch.Expression);
        var id = ++_branches;
        var sections = @switch.Sections.Select((section, arm) => InArm(id, arm, () => new IrSwitchSection(
            section.Labels.Select(l => l.ToString()).ToEquatableArray(),
            LowerBlockStatements(section.Statements).Statements))).ToEquatableArray();
        return new IrSwitch(subject, sections);
    }

    // ------------------------------------------------------------------ expressions

    private IrExpr LowerExpr(ExpressionSyntax expression)
    {
        var sites = OutermostSites(expression);
        if (sites.Count == 0) return new IrCode(expression.ToString());
        if (sites.Count == 1 && sites[0] == expression) return LowerSite(sites[0]);

        var text = expression.ToString();
        var parts = new List<IrExpr>();
        var cursor = 0;
        foreach (var site in sites)
        {
            var start = site.SpanStart - expression.SpanStart;
            if (start > cursor) parts.Add(new IrCode(text.Substring(cursor, start - cursor)));
            parts.Add(InExpressionArm(expression, site, () => LowerSite(site)));
            cursor = start + site.Span.Length;
        }
        if (cursor < text.Length) parts.Add(new IrCode(text.Substring(cursor)));
        return new IrSplice(parts.ToEquatableArray());
    }

    private IrExpr LowerSite(InvocationExpressionSyntax invocation)
    {
        var shape = _shapes[invocation];
        if (invocation.Ancestors().TakeWhile(a => a is not StatementSyntax || a is LocalFunctionStatementSyntax)
                .FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax) is { } closure)
            Unsupported(invocation, $"the sample site '{Short(invocation)}' is inside {(closure is LocalFunctionStatementSyntax ? "a local function" : "a lambda")}; sample sites must be in the [Gen] method's own body (make the inner code a [Gen] method and trace it with .At)");

        var index = _sites.Count;
        _sites.Add(null!); // reserved: nested sites in the arguments come after
        _facts.Add(null!);
        var address = LowerAddress(invocation);
        var arguments = shape.SamplerArguments.Select(LowerExpr).ToEquatableArray();
        var receiver = LowerExpr(shape.Receiver);
        var valueType = shape.ValueType is null ? "" : TypeNames.FullyQualified(shape.ValueType);
        _sites[index] = new IrSite(index, shape.Kind, valueType, shape.ValueType is null ? "?" : TypeNames.Display(shape.ValueType),
            shape.DisplayName, shape.Sampler, shape.ParameterTypes.ToEquatableArray(), Slot: -1);
        _facts[index] = new SiteFacts(index, address, shape.Kind == SiteKind.Call, valueType,
            LocationInfo.From(invocation.ArgumentList), _path.ToList(), _loopDepth > 0,
            invocation.GetLocation().GetLineSpan().StartLinePosition.Line + 1);
        return new IrSample(index, arguments, receiver, address);
    }

    private IrAddress LowerAddress(InvocationExpressionSyntax invocation)
    {
        var arguments = invocation.ArgumentList.Arguments.Select(a => a.Expression).ToList();
        if (arguments.Count == 1)
        {
            var single = arguments[0];
            if (ConstantPart(single) is { } part) return Constant(part);
            if (single is TupleExpressionSyntax tuple) return FromParts(tuple.Arguments.Select(a => a.Expression).ToList(), arguments);
        }
        else if (arguments.Count == 2)
        {
            return FromParts(arguments, arguments);
        }
        return new DynamicAddress(arguments.Select(LowerExpr).ToEquatableArray());
    }

    private IrAddress FromParts(IReadOnlyList<ExpressionSyntax> parts, IReadOnlyList<ExpressionSyntax> asWritten)
    {
        var constants = parts.Select(ConstantPart).ToList();
        if (constants.All(c => c is not null)) return new ConstantAddress(constants.Select(c => c!).ToEquatableArray());
        if (parts.Count == 2 && constants[0] is { Name: { } head } && IsInt(parts[1])) return new IndexedAddress(head, LowerExpr(parts[1]));
        return new DynamicAddress(asWritten.Select(LowerExpr).ToEquatableArray());
    }

    private static IrAddress Constant(AddressPartModel part) => new ConstantAddress(new[] { part }.ToEquatableArray());

    private AddressPartModel? ConstantPart(ExpressionSyntax expression) => _model.GetConstantValue(expression) switch
    {
        { HasValue: true, Value: string name } => new AddressPartModel(name, 0),
        { HasValue: true, Value: int index } => new AddressPartModel(null, index),
        _ => null,
    };

    private bool IsInt(ExpressionSyntax expression) => _model.GetTypeInfo(expression).ConvertedType?.SpecialType == SpecialType.System_Int32
                                                     || _model.GetTypeInfo(expression).Type?.SpecialType == SpecialType.System_Int32;

    private static string Article(ITypeSymbol? type)
    {
        var name = type is null ? "value of unknown type" : type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        return ("aeiouAEIOU".IndexOf(name[0]) >= 0 ? "an " : "a ") + name;
    }

    // ------------------------------------------------------------------ helpers

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

    private static bool AlwaysExits(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax or ThrowStatementSyntax => true,
        BlockSyntax block => block.Statements.LastOrDefault() is { } last && AlwaysExits(last),
        _ => false,
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

    /// <summary>The statement's text with the indentation of its first line removed from the following lines.</summary>
    private static string Verbatim(StatementSyntax statement)
    {
        var column = statement.GetLocation().GetLineSpan().StartLinePosition.Character;
        var lines = statement.ToString().Replace("\r\n", "\n").Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            var strip = 0;
            while (strip < column && strip < lines[i].Length && lines[i][strip] == ' ') strip++;
            lines[i] = lines[i].Substring(strip);
        }
        return string.Join("\n", lines);
    }
}
