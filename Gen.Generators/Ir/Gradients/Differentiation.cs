using System.Collections.Generic;
using System.Linq;
using Gen.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Gen.Generators.Ir;

/// <summary>
/// What the gradient body of a [Gen] method needs: which locals depend on continuous choices (activity analysis, a
/// fixpoint over the method's assignments), how plain computation reads with <c>Real</c> numbers where they do, and the
/// first construct outside the differentiable subset (arithmetic, <c>Math</c> functions, comparisons, loops and
/// branches, arrays of doubles) through which a continuous value flows — then the model gets no gradient body and
/// its gradient names that construct.
/// </summary>
internal sealed class Differentiation
{
    public const string Real = "global::Gen.Internal.Real";

    private readonly SemanticModel _model;
    private readonly IReadOnlyDictionary<InvocationExpressionSyntax, SiteShape> _shapes;
    private readonly HashSet<ISymbol> _active = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<SyntaxNode, bool> _activeNodes = new();

    /// <summary>
    /// The active double[] parameters (the array gradient body's), and the locals that may alias them: the caller's
    /// arrays, which the gradient body must not write (a model that changes its argument has another one at every run).
    /// </summary>
    private readonly HashSet<ISymbol> _arguments = new(SymbolEqualityComparer.Default);

    /// <param name="activeParameters">
    /// The method's parameters whose gradient the body carries (its double parameters, which a caller's traced call
    /// may give continuous values), or none.
    /// </param>
    public Differentiation(SemanticModel model, IReadOnlyDictionary<InvocationExpressionSyntax, SiteShape> shapes, SyntaxNode body, string returnType,
        IEnumerable<IParameterSymbol> activeParameters)
    {
        _model = model;
        _shapes = shapes;
        ReturnType = returnType;
        foreach (var parameter in activeParameters)
        {
            _active.Add(parameter);
            if (parameter.Type is IArrayTypeSymbol) _arguments.Add(parameter);
        }
        Analyse(body);
        if (_arguments.Count > 0) FindAliases(body);
    }

    /// <summary>
    /// What the gradient body does with a returned value (it returns nothing itself): a model of double hands it, with
    /// its gradient, to a caller's traced call (<c>__gradient.Return(value)</c>); any other value is discarded, cast to
    /// the method's return type so that <c>default</c> and target-typed values still compile — or, for an array (a
    /// <c>double[]</c> of continuous values is a <c>Real[]</c> there), as an object.
    /// </summary>
    public static string Returned(string returnType, string value) => returnType switch
    {
        "double" => $"{Emit.Names.Gradient}.Return(({Real})({value}));",
        // A literal with no type of its own (null, default, []) is the method's array of constants.
        "double[]" when Typeless(value) => $"{Emit.Names.Gradient}.Return((double[]?)({value}));",
        // A Real[] (its elements carry gradients) or a double[] of constants.
        "double[]" => $"{Emit.Names.Gradient}.Return({value});",
        _ when returnType.EndsWith("]", System.StringComparison.Ordinal) && !Typeless(value) => $"_ = (object)({value});", // an array: a Real[,] too
        _ => $"_ = ({returnType})({value});",
    };

    private static bool Typeless(string value) => value.Replace("!", "").Trim() is "null" or "default" or "[]";

    /// <summary>Whether returns stay returns (a [Differentiable] helper's Real overload returns its value).</summary>
    public bool KeepsReturns { get; init; }

    /// <summary>The method's return type, fully qualified: the gradient body discards a returned value as that type.</summary>
    public string ReturnType { get; }

    /// <summary>The first construct outside the differentiable subset that a continuous value flows through, or null.</summary>
    public string? Obstacle { get; private set; }

    /// <summary>Where <see cref="Obstacle"/> lies (GEN015 is reported there).</summary>
    public Models.LocationInfo? ObstacleLocation { get; private set; }

    public void Block(SyntaxNode node, string why)
    {
        if (Obstacle is not null) return;
        // No line number in the text: the model holds it, and a model must not change when an edit above it moves it
        // (GEN015's location gives the line; the construct's text finds it in the run-time message).
        Obstacle = $"{why} ('{Short(node)}')";
        ObstacleLocation = Models.LocationInfo.From(node);
    }

    /// <summary>Whether <paramref name="node"/> computes with a value that depends on a continuous choice.</summary>
    public bool IsActive(SyntaxNode node)
    {
        if (_activeNodes.TryGetValue(node, out var known)) return known;
        var active = node.DescendantNodesAndSelf().Any(n =>
            n is InvocationExpressionSyntax site && IsContinuousSite(site)
            || n is IdentifierNameSyntax name && !IsShapeQuery(name) && _model.GetSymbolInfo(name).Symbol is { } symbol && _active.Contains(symbol));
        return _activeNodes[node] = active;
    }

    /// <summary>An array's length or rank (<c>xs.Length</c>, <c>cov.GetLength(0)</c>): an integer, whatever the elements hold.</summary>
    private static bool IsShapeQuery(IdentifierNameSyntax name) =>
        name.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" or "LongLength" or "Rank" or "GetLength" } access && access.Expression == name
        && (access.Name.Identifier.ValueText != "GetLength" || access.Parent is InvocationExpressionSyntax);

    public bool IsActive(ISymbol? symbol) => symbol is not null && _active.Contains(symbol);

    /// <summary>
    /// A choice of a double, a double[] choice with a gradient in its value (mv_normal), or a traced call of a function
    /// of double or double[] (its value carries the callee's gradient).
    /// </summary>
    public bool IsContinuousSite(InvocationExpressionSyntax site) =>
        _shapes.TryGetValue(site, out var shape)
        && (shape.ValueType?.SpecialType == SpecialType.System_Double
            || IsDoubleArray(shape.ValueType) && (shape.Kind == SiteKind.Call || shape.Kind == SiteKind.Primitive && shape.Differentiable));

    private static bool IsDoubleArray(ITypeSymbol? type) => type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double };

    /// <summary>
    /// Whether a traced call's value of this type is followed by the gradient: a double or a double[] carries its
    /// gradient, and a value with no real numbers in it (bool, an integer, a string, an enum) has none to carry.
    /// Anything else (a tuple, a record, a double[][]) might hold the callee's continuous values, which the caller
    /// could not follow.
    /// </summary>
    public static bool CarriesGradient(ITypeSymbol? type) => type is not null && (type.TypeKind == TypeKind.Enum || IsDoubleArray(type) || type.SpecialType is
        SpecialType.System_Double or SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_String
        or SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
        or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64);

    /// <summary>The declared type of <paramref name="declaration"/> in the gradient body, or null when it stays.</summary>
    public string? GradientType(VariableDeclarationSyntax declaration)
    {
        var symbols = declaration.Variables.Select(v => _model.GetDeclaredSymbol(v)).ToList();
        if (!symbols.Any(IsActive)) return null;
        var type = (symbols.First(IsActive) as ILocalSymbol)!.Type;
        if (Unresolved(type)) return null; // 'var a = LineGen(xs).At("a")': var takes the Real or Real[] it is given
        var real = type is IArrayTypeSymbol { Rank: 2 } ? Real + "[,]" : type is IArrayTypeSymbol ? Real + "[]" : Real;
        // 'ref readonly var first = ref xs[0]' stays a ref local, of the Real element.
        return declaration.Type is RefTypeSyntax reference
            ? (reference.ReadOnlyKeyword.IsKind(SyntaxKind.ReadOnlyKeyword) ? "ref readonly " : "ref ") + real
            : real;
    }

    /// <summary>
    /// The gradient body's type of a foreach loop's variable, or null when it stays: <c>Real</c> where the variable is
    /// active and declared with a type (foreach converts explicitly, so a double variable over a <c>Real[]</c> would
    /// compile and silently leave the gradient behind).
    /// </summary>
    public string? GradientType(ForEachStatementSyntax loop) => !loop.Type.IsVar && IsActive(_model.GetDeclaredSymbol(loop)) ? Real : null;

    /// <summary>The gradient body's text of site-free code, or null when it reads the same; blocks what it cannot rewrite.</summary>
    public string? Rewrite(SyntaxNode node)
    {
        if (!IsActive(node)) return null;
        Validate(node);
        var rewritten = new RealRewriter(this, _model).Visit(node);
        var text = rewritten.ToString();
        return text == node.ToString() ? null : text;
    }

    /// <summary>
    /// The gradient body's text of a site-free statement, or null when it reads the same: active locals as <c>Real</c>,
    /// and every <c>return value;</c> of the method as <c>{ _ = value; return; }</c> (the gradient body returns nothing).
    /// </summary>
    public string? RewriteStatement(StatementSyntax statement)
    {
        var returns = statement.DescendantNodesAndSelf().OfType<ReturnStatementSyntax>().Any(RealRewriter.OfTheMethod);
        var declares = statement.DescendantNodesAndSelf().OfType<VariableDeclarationSyntax>().Any(d => GradientType(d) is not null);
        if (!returns && !declares && !IsActive(statement)) return null;
        var text = new RealRewriter(this, _model).Visit(statement)!.ToString();
        return text == statement.ToString() ? null : text;
    }

    /// <summary>Checks that every operation computing with a continuous value is one the gradient body supports.</summary>
    public void Validate(SyntaxNode node)
    {
        var receivers = new HashSet<SyntaxNode>(_shapes.Values.Select(s => s.Receiver));
        foreach (var expression in node.DescendantNodesAndSelf().OfType<ExpressionSyntax>())
        {
            if (Obstacle is not null) return;
            // A site's receiver (normal(mu, sigma), a callee) is the site's business: lowering checks it, and its arguments are checked here.
            if (receivers.Contains(expression) || expression is InvocationExpressionSyntax site && _shapes.ContainsKey(site)
                || expression.Parent is InvocationExpressionSyntax of && of.Expression == expression && _shapes.ContainsKey(of)) continue; // 'callee.At'

            if (!IsActive(expression) || _model.GetOperation(expression) is not { } operation) continue;
            if (!Supported(operation)) Block(expression, Describe(operation));
            // A choice between arrays is an array of Reals only when every branch is one (not a field, nor one created there).
            else if ((expression is ConditionalExpressionSyntax or SwitchExpressionSyntax || expression.IsKind(SyntaxKind.CoalesceExpression))
                     && _model.GetTypeInfo(expression).Type is IArrayTypeSymbol)
                ValidateArraySource(expression, top: false);
            // An implicit conversion has no operation of its own: a continuous value made nullable, boxed, or an array of them
            // made a span or an interface would lose its gradient (in the gradient body such a conversion would not compile).
            else if (expression.Parent is not CommonForEachStatementSyntax // a foreach's collection reads as IEnumerable: its elements are checked (ValidateForeach)
                     && _model.GetConversion(expression) is { Exists: true, IsIdentity: false, IsNumeric: false }
                     && _model.GetTypeInfo(expression).ConvertedType is { } target && !Differentiable(target) && !Unresolved(target))
                Block(expression, $"a continuous value converted to {target.ToDisplayString()}");
        }
        foreach (var loop in node.DescendantNodesAndSelf().OfType<ForEachStatementSyntax>()) ValidateForeach(loop);
        // A switch statement's case patterns compare its value with constants of its type: on a Real they do not compile.
        foreach (var @switch in node.DescendantNodesAndSelf().OfType<SwitchStatementSyntax>())
            if (IsActive(@switch.Expression) && @switch.Sections.SelectMany(section => section.Labels).Any(label => label is not DefaultSwitchLabelSyntax))
                Block(@switch.Expression, "a switch on a continuous value (its patterns compare doubles; write the comparisons as an if)");
        // A local function keeps its declared types (double), so continuous values cannot flow through it.
        foreach (var function in node.DescendantNodesAndSelf().OfType<LocalFunctionStatementSyntax>())
            if (((SyntaxNode?)function.Body ?? function.ExpressionBody) is { } body && IsActive(body))
                Block(function.Identifier.Parent!, $"the local function '{function.Identifier.ValueText}' reads continuous values (it keeps its double types: inline it, or make it a [Differentiable] static helper)");
        foreach (var declarator in node.DescendantNodesAndSelf().OfType<VariableDeclaratorSyntax>())
            if (declarator.Initializer is { } init && IsActiveArray(_model.GetDeclaredSymbol(declarator))) ValidateArraySource(init.Value);
        foreach (var assignment in node.DescendantNodesAndSelf().OfType<AssignmentExpressionSyntax>())
            if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Left is IdentifierNameSyntax name && IsActiveArray(_model.GetSymbolInfo(name).Symbol))
                ValidateArraySource(assignment.Right);
    }

    /// <summary>
    /// A foreach over continuous values converts each to its variable's type (explicitly): to a float or a decimal it
    /// would carry the value on without its gradient.
    /// </summary>
    private void ValidateForeach(ForEachStatementSyntax loop)
    {
        if (!IsActive(loop.Expression) || _model.GetDeclaredSymbol(loop) is not ILocalSymbol variable) return;
        var conversion = _model.GetForEachStatementInfo(loop).ElementConversion;
        if (conversion.IsNumeric && variable.Type.SpecialType != SpecialType.System_Double && !IsIntegral(variable.Type))
            Block(loop.Type, LostConversion(variable.Type));
    }

    private bool IsActiveArray(ISymbol? symbol) => symbol is ILocalSymbol { Type: IArrayTypeSymbol } && _active.Contains(symbol);

    /// <summary>
    /// An array local that holds continuous values is a <c>Real[]</c> (or <c>Real[,]</c>) in the gradient body: what it is
    /// made from must be one too — an array created there (rewritten), another such local or parameter, or a site's
    /// value; not a field, a call, a cast, or a conditional that mixes in an array of doubles.
    /// </summary>
    private void ValidateArraySource(ExpressionSyntax value, bool top = true)
    {
        if (!IsRealArray(value, top))
            Block(value, "an array that holds continuous values is made from an expression the gradient body cannot read as Real numbers (a field, a call, a cast, or a conditional mixing in an array of doubles)");
    }

    private bool IsRealArray(ExpressionSyntax value, bool top)
    {
        value = Unparenthesized(value);
        // Created where it is stored (the rewriter makes it an array of Reals); a collection expression takes the local's type.
        if (value is ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or CollectionExpressionSyntax) return top;
        return Leaves(value).All(leaf => leaf switch
        {
            IdentifierNameSyntax name => _model.GetSymbolInfo(name).Symbol is { } symbol && _active.Contains(symbol),
            InvocationExpressionSyntax site => _shapes.ContainsKey(site),
            _ => false, // a field, a call, a cast, or an array created inside a choice (not rewritten there)
        });
    }

    /// <summary>The values an expression may take: the branches of its conditionals, coalesces and switch expressions, else itself.</summary>
    private static IEnumerable<ExpressionSyntax> Leaves(ExpressionSyntax value)
    {
        value = Unparenthesized(value);
        IEnumerable<ExpressionSyntax> branches = value switch
        {
            ConditionalExpressionSyntax conditional => [conditional.WhenTrue, conditional.WhenFalse],
            BinaryExpressionSyntax coalesce when coalesce.IsKind(SyntaxKind.CoalesceExpression) => [coalesce.Left, coalesce.Right],
            SwitchExpressionSyntax @switch => @switch.Arms.Select(arm => arm.Expression),
            _ => [],
        };
        return branches.Any() ? branches.SelectMany(Leaves) : [value];
    }

    private static ExpressionSyntax Unparenthesized(ExpressionSyntax value)
    {
        while (value is ParenthesizedExpressionSyntax parenthesized) value = parenthesized.Expression;
        return value;
    }

    /// <summary>The locals that may hold a double[] argument itself (assigned from it, or from another such local): writing their elements writes the argument.</summary>
    private void FindAliases(SyntaxNode body)
    {
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var node in body.DescendantNodes())
            {
                var (target, value) = node switch
                {
                    VariableDeclaratorSyntax { Initializer: { } init } declarator => (_model.GetDeclaredSymbol(declarator), init.Value),
                    AssignmentExpressionSyntax { Left: IdentifierNameSyntax left } assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) =>
                        (_model.GetSymbolInfo(left).Symbol, assignment.Right),
                    _ => (null, null),
                };
                if (target is ILocalSymbol { Type: IArrayTypeSymbol } local && value is not null && !_arguments.Contains(local) && MayBeArgument(value))
                    changed |= _arguments.Add(local);
            }
        }
    }

    private bool MayBeArgument(ExpressionSyntax value) =>
        Leaves(value).Any(leaf => leaf is IdentifierNameSyntax name && _model.GetSymbolInfo(name).Symbol is { } symbol && _arguments.Contains(symbol));

    private bool Supported(IOperation operation) => operation switch
    {
        // A value typed by generated code not written yet binds as invalid: judge the construct by its syntax.
        IInvalidOperation invalid => SupportedSyntax(invalid.Syntax),
        ILiteralOperation or ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation => true,
        IArrayElementReferenceOperation => true,
        IPropertyReferenceOperation property => property.Property.Name == "Length" && property.Instance?.Type is IArrayTypeSymbol,
        IInvocationOperation { TargetMethod.Name: "GetLength", Instance.Type: IArrayTypeSymbol } => true,
        IBinaryOperation binary => binary.OperatorKind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply
            or BinaryOperatorKind.Divide or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan
            or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals
            or BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr,
        IUnaryOperation unary => unary.OperatorKind is UnaryOperatorKind.Minus or UnaryOperatorKind.Plus or UnaryOperatorKind.Not,
        // To double the value keeps its gradient, to an integer it is a step function (derivative zero); to a float or a
        // decimal it would silently lose a gradient that is not zero.
        IConversionOperation conversion => conversion.Conversion.IsIdentity
            || conversion.Conversion.IsNumeric && (conversion.Type?.SpecialType == SpecialType.System_Double || IsIntegral(conversion.Type)),
        // A switch's patterns compare its value with constants of its type: on a Real they do not compile.
        ISwitchExpressionOperation @switch => !IsActive(@switch.Value.Syntax) || @switch.Arms.All(arm => arm.Pattern is IDiscardPatternOperation),
        IConditionalOperation or ICoalesceOperation or ISwitchExpressionArmOperation => true,
        ISimpleAssignmentOperation assignment => Assignable(assignment.Target, IsActive(assignment.Value.Syntax)),
        ICompoundAssignmentOperation compound when compound.Value.Type is null || Unresolved(compound.Value.Type) => Assignable(compound.Target, IsActive(compound.Value.Syntax)) && compound.Syntax.Kind() is
            SyntaxKind.AddAssignmentExpression or SyntaxKind.SubtractAssignmentExpression or SyntaxKind.MultiplyAssignmentExpression or SyntaxKind.DivideAssignmentExpression,
        ICompoundAssignmentOperation compound => Assignable(compound.Target, IsActive(compound.Value.Syntax)) && compound.OperatorKind is BinaryOperatorKind.Add
            or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply or BinaryOperatorKind.Divide,
        IIncrementOrDecrementOperation increment => Assignable(increment.Target, valueActive: false),
        IInvocationOperation invocation => invocation.Syntax is InvocationExpressionSyntax site && _shapes.ContainsKey(site)
            || IsMath(invocation.TargetMethod) && (!HasDoubleParameter(invocation.TargetMethod) || HasRealOverload(invocation.TargetMethod, invocation.Arguments.Select(a => a.Value.Syntax).ToList()))
            || Helpers.DifferentiableHelpers.Accepts(invocation.TargetMethod) && invocation.Arguments.All(a =>
                !IsActive(a.Value.Syntax) || a.Parameter?.Type.SpecialType == SpecialType.System_Double),
        IArrayCreationOperation creation => creation.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Double },
        IArrayInitializerOperation initializer => InitializesDoubles(initializer),
        IParenthesizedOperation or IInterpolatedStringOperation or IInterpolationOperation
            or IInterpolatedStringTextOperation or IArgumentOperation or IVariableDeclaratorOperation or IVariableInitializerOperation => true,
        _ => false,
    };

    private bool SupportedSyntax(SyntaxNode syntax) => syntax switch
    {
        BinaryExpressionSyntax binary => binary.Kind() is SyntaxKind.AddExpression or SyntaxKind.SubtractExpression or SyntaxKind.MultiplyExpression
            or SyntaxKind.DivideExpression or SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanExpression
            or SyntaxKind.GreaterThanOrEqualExpression,
        PrefixUnaryExpressionSyntax unary => unary.Kind() is SyntaxKind.UnaryMinusExpression or SyntaxKind.UnaryPlusExpression,
        ParenthesizedExpressionSyntax or ConditionalExpressionSyntax or IdentifierNameSyntax or LiteralExpressionSyntax => true,
        ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } => true,
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" } => true,
        InvocationExpressionSyntax call => _model.GetSymbolInfo(call).CandidateSymbols.OfType<IMethodSymbol>()
            .Any(m => IsMath(m) && System.Array.IndexOf(MathFunctions, m.Name) >= 0),
        _ => false,
    };

    /// <summary>
    /// A target a continuous value may be stored in: an active local of type double, double[] or double[,], or an element
    /// of one — not of an array that may be a double[] argument, nor through a ref local where there are such arguments
    /// (it may be bound to one's element): the gradient body would write the caller's array.
    /// </summary>
    /// <remarks>
    /// A continuous value (<paramref name="valueActive"/>) goes only to such a local or element; a field, a property, an
    /// indexer, a tuple's field or a span's element holds a double, which would leave the gradient behind.
    /// </remarks>
    private bool Assignable(IOperation target, bool valueActive) => target switch
    {
        ILocalReferenceOperation { Local.RefKind: not RefKind.None } when _arguments.Count > 0 => false,
        ILocalReferenceOperation local when !_active.Contains(local.Local) => !valueActive || !Differentiable(local.Local.Type) && !Unresolved(local.Local.Type),
        ILocalReferenceOperation local => Differentiable(local.Local.Type) || Unresolved(local.Local.Type),
        IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation array } when _active.Contains(array.Local) => !_arguments.Contains(array.Local),
        _ => !valueActive && !IsActive(target.Syntax),
    };

    /// <summary>An array initializer of a double array (of any rank), not of a jagged or other array holding doubles.</summary>
    private static bool InitializesDoubles(IArrayInitializerOperation initializer)
    {
        IOperation? at = initializer;
        while (at is IArrayInitializerOperation) at = at.Parent;
        return at is IArrayCreationOperation { Type: IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Double } };
    }

    private static bool HasDoubleParameter(IMethodSymbol method) => method.Parameters.Any(p => p.Type.SpecialType == SpecialType.System_Double);

    /// <summary>
    /// Whether <c>RealMath</c> has the overload a call of <c>Math</c>'s <paramref name="method"/> binds to: all its
    /// parameters double, of the arity RealMath takes (Max, Min and Pow two; Log two with a constant base; the rest one).
    /// </summary>
    public bool HasRealOverload(IMethodSymbol method, IReadOnlyList<SyntaxNode> arguments)
    {
        if (System.Array.IndexOf(MathFunctions, method.Name) < 0 || method.Parameters.Any(p => p.Type.SpecialType != SpecialType.System_Double)) return false;
        return method.Name switch
        {
            "Max" or "Min" or "Pow" => arguments.Count == 2,
            "Log" => arguments.Count == 1 || arguments.Count == 2 && !IsActive(arguments[1]),
            _ => arguments.Count == 1,
        };
    }

    /// <summary>The functions of <c>System.Math</c> the gradient body computes with <c>RealMath</c>.</summary>
    public static readonly string[] MathFunctions =
        ["Exp", "Log", "Log10", "Sqrt", "Pow", "Abs", "Sin", "Cos", "Tan", "Tanh", "Atan", "Max", "Min", "Sign", "Floor", "Ceiling", "Round"];

    public static bool IsMath(IMethodSymbol method) => method.ContainingType?.ToDisplayString() == "System.Math";

    /// <summary>
    /// A type from generated code not written yet (an error type, or one built from another method's type parameters:
    /// <c>var draws = Repeat(n, XGen())</c> binds as <c>T[]</c>): such a local holds what it is given, a Real or a
    /// Real[], in the gradient body.
    /// </summary>
    private static bool Unresolved(ITypeSymbol type) => !SiteRecognizer.IsComplete(type);

    private static bool IsIntegral(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_SByte or SpecialType.System_Byte
        or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
        or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Char;

    /// <summary>A type a continuous value may be held in: double, double[], or a double[,] (a covariance built from choices).</summary>
    private static bool Differentiable(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_Double || type is IArrayTypeSymbol { Rank: 1 or 2, ElementType.SpecialType: SpecialType.System_Double };

    private static string Describe(IOperation operation) => operation switch
    {
        IInvocationOperation invocation when IsMath(invocation.TargetMethod) => $"Math.{invocation.TargetMethod.Name} has no derivative here",
        IInvocationOperation invocation when Helpers.DifferentiableHelpers.IsMarked(invocation.TargetMethod) =>
            Helpers.DifferentiableHelpers.Ineligible(invocation.TargetMethod) is { } why
                ? $"a continuous value is passed to the [Differentiable] method {invocation.TargetMethod.Name}, but {why}"
                : $"a continuous value is passed to a parameter of {invocation.TargetMethod.Name} that is not a double",
        IInvocationOperation invocation when invocation.TargetMethod.IsStatic && invocation.TargetMethod.DeclaringSyntaxReferences.Length > 0
            && invocation.TargetMethod.ReturnType.SpecialType == SpecialType.System_Double =>
            $"a continuous value is passed to {invocation.TargetMethod.ContainingType?.Name}.{invocation.TargetMethod.Name}, whose derivative the generator does not see (mark it [Differentiable] to compile its gradient)",
        IInvocationOperation invocation => $"a continuous value is passed to {invocation.TargetMethod.ContainingType?.Name}.{invocation.TargetMethod.Name}, whose derivative the generator does not see",
        ISimpleAssignmentOperation or ICompoundAssignmentOperation => "a continuous value is stored where the gradient body cannot follow it (a field, a property, an array that is not a local double[])",
        IConversionOperation { Conversion.IsNumeric: true, Type: { } type } => LostConversion(type),
        ISwitchExpressionOperation => "a switch on a continuous value (its patterns compare doubles; write the comparisons as a conditional)",
        IConversionOperation => "a continuous value is converted to a type other than a number",
        _ => $"a {operation.Kind} operation on a continuous value",
    };

    private static string LostConversion(ITypeSymbol type) =>
        $"a continuous value is converted to {type.ToDisplayString()}, which would lose its gradient (compute in double; a cast to an integer is a step function, with derivative zero)";

    private static string Short(SyntaxNode node)
    {
        var text = node.ToString();
        return text.Length <= 50 ? text : text.Substring(0, 47) + "...";
    }

    /// <summary>The activity fixpoint: a double or double[] local is active when any value assigned to it is.</summary>
    private void Analyse(SyntaxNode body)
    {
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var node in body.DescendantNodesAndSelf())
            {
                var (target, value) = node switch
                {
                    VariableDeclaratorSyntax { Initializer: { } init } declarator => (_model.GetDeclaredSymbol(declarator), (SyntaxNode?)init.Value),
                    AssignmentExpressionSyntax assignment => (Target(assignment.Left), assignment.Right),
                    ForEachStatementSyntax loop => (_model.GetDeclaredSymbol(loop), loop.Expression),
                    _ => (null, null),
                };
                if (target is not ILocalSymbol local || _active.Contains(local) || value is null || !IsActive(value)) continue;
                // A ref local is what it is bound to: an assignment writes there (a field's double, say), it does not make it a Real.
                if (local.RefKind != RefKind.None && node is AssignmentExpressionSyntax) continue;
                // A local typed by generated code not written yet ('var a = LineGen(xs).At("a")') holds what it is given.
                if (!Differentiable(local.Type) && !Unresolved(local.Type)) continue;
                _active.Add(local);
                _activeNodes.Clear();
                changed = true;
            }
        }
        // A declaration declares its variables with one type: if one is active, all are.
        foreach (var declaration in body.DescendantNodes().OfType<VariableDeclarationSyntax>())
        {
            var symbols = declaration.Variables.Select(v => _model.GetDeclaredSymbol(v)).OfType<ILocalSymbol>().ToList();
            if (symbols.Any(_active.Contains)) foreach (var symbol in symbols) _active.Add(symbol);
        }
        _activeNodes.Clear();
    }

    private ISymbol? Target(ExpressionSyntax left) => left switch
    {
        IdentifierNameSyntax name => _model.GetSymbolInfo(name).Symbol,
        ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax array } => _model.GetSymbolInfo(array).Symbol,
        _ => null,
    };
}
