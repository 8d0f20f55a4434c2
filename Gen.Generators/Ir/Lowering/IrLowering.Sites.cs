using System.Collections.Generic;
using System.Linq;
using Gen.Generators.Models;
using Gen.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp;

namespace Gen.Generators.Ir;

/// <summary>Sample sites: a choice from a primitive or a distribution object, or a traced call; and their addresses.</summary>
internal sealed partial class IrLowering
{
    private const string MvNormalPrimitive = "global::Gen.MvNormal.Primitive";
    private const string CategoricalPrimitive = "global::Gen.Categorical.Primitive";
    private const string DirichletPrimitive = "global::Gen.Dirichlet.Primitive";

    /// <summary>
    /// The gradient's own site operation for a primitive whose parameters carry gradients other than as scalars of a
    /// continuous density: a discrete value's scalar parameters (a bernoulli's probability, a poisson's rate, a
    /// binomial's probability, a neg_binom's r and p: <c>DiscreteChoice</c>, one or two parameters), an mv_normal's mean
    /// (a location family: ∂/∂mean = −∂/∂value; its covariance is data), a dirichlet's concentrations and a
    /// categorical's probabilities; null when none applies.
    /// </summary>
    private string? GradientSiteOf(SiteShape shape, bool vector)
    {
        var parameters = shape.PrimitiveArguments;
        if (shape.Differentiable && !vector && shape.ValueType?.SpecialType != SpecialType.System_Double
            && parameters.Count is 1 or 2 && parameters.Any(_gradient.IsActive))
            return "DiscreteChoice";
        return parameters.Count switch
        {
            2 when vector && shape.Primitive == MvNormalPrimitive && (_gradient.IsActive(parameters[0]) || _gradient.IsActive(parameters[1])) => "MvNormalChoice",
            1 when shape.Primitive == CategoricalPrimitive && _gradient.IsActive(parameters[0]) => "CategoricalChoice",
            1 when vector && shape.Primitive == DirichletPrimitive && _gradient.IsActive(parameters[0]) => "DirichletChoice",
            _ => null,
        };
    }

    private IrExpr LowerSite(InvocationExpressionSyntax invocation)
    {
        var shape = _shapes[invocation];
        if (invocation.Ancestors().TakeWhile(a => a is not StatementSyntax || a is LocalFunctionStatementSyntax)
                .FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or QueryExpressionSyntax) is { } closure)
            Unsupported(invocation, $"the sample site '{Short(invocation)}' is inside {Closure(closure)}; sample sites must be in the [Gen] method's own body (make the inner code a [Gen] method and trace it with .At, or write the loop out)");

        var index = _sites.Count;
        _siteIndices[invocation] = index;
        var valueType = shape.ValueType is null ? "" : TypeNames.FullyQualified(shape.ValueType);
        var display = shape.ValueType is null ? "?" : TypeNames.Display(shape.ValueType);
        _sites.Add(new IrSite(index, valueType, display, Slot: -1));
        _facts.Add(null!); // filled below, once nested sites (which come later in the table) are lowered
        var facts = new SiteFacts(index, null!, shape.Kind == SiteKind.Call, valueType, LocationInfo.From(invocation.ArgumentList),
            _path.ToList(), _loopDepth > 0, invocation.GetLocation().GetLineSpan().StartLinePosition.Line + 1);

        // C# evaluates the receiver (the distribution's parameters, or the callee) before the address: so does the IR.
        IrExpr site;
        switch (shape.Kind)
        {
            case SiteKind.Primitive:
                var arguments = shape.PrimitiveArguments.Select(LowerExpr).ToEquatableArray();
                var address = LowerAddress(invocation);
                var vector = shape.Differentiable && shape.ValueType is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double };
                var differentiable = vector || shape.Differentiable && shape.ValueType?.SpecialType == SpecialType.System_Double && arguments.Count is >= 1 and <= 4;
                var gradientSite = GradientSiteOf(shape, vector);
                if ((!differentiable || vector) && gradientSite is null && shape.PrimitiveArguments.Any(_gradient.IsActive))
                    _gradient.Block(invocation, vector
                        ? $"the parameters of {shape.DisplayName} depend on continuous choices, but a vector choice's gradient flows through its value (and an mv_normal's mean) only"
                        : $"the parameters of {shape.DisplayName} depend on continuous choices, but its density gives no gradient in them");
                site = new IrChoice(index, new IrPrimitive(shape.DisplayName, shape.Factory!, shape.Primitive!, arguments, differentiable, vector, gradientSite), address);
                facts = facts with { Address = address };
                break;
            case SiteKind.DistributionObject:
                if (_gradient.IsActive(shape.Receiver)) _gradient.Block(invocation, "a distribution object made from continuous choices (its density gives no gradient in its parameters)");
                var distribution = LowerExpr(shape.Receiver);
                address = LowerAddress(invocation);
                site = new IrChoice(index, new IrDistributionObject(distribution), address);
                facts = facts with { Address = address };
                break;
            default:
                var (gradientArguments, gradientArrays) = (EquatableArray<IrExpr>.Empty, EquatableArray<IrExpr>.Empty);
                if (_gradient.IsActive(shape.Receiver))
                {
                    if (shape.ValueType is not null && CalleeGradientArguments(shape) is { } passed) (gradientArguments, gradientArrays) = passed;
                    else _gradient.Block(invocation, "a traced call whose arguments depend on continuous choices, other than up to four double parameters of a [Gen] method given as site-free expressions and up to four double[] parameters given as locals");
                }
                if (shape.ValueType is null && invocation.Parent is not ExpressionStatementSyntax)
                    _gradient.Block(invocation, "a traced call whose value type is inferred from generated code the generator cannot see yet (as in Vmap(XGen, ...)): a loop of traced calls of the [Gen] method itself keeps the gradient");
                else if (!Differentiation.CarriesGradient(shape.ValueType) && invocation.Parent is not ExpressionStatementSyntax)
                    _gradient.Block(invocation, $"a traced call whose value ({display}) may hold continuous values (a callee's value carries its gradient when it is a double or a double[])");
                var callee = LowerExpr(shape.Receiver);
                address = LowerAddress(invocation);
                site = new IrTracedCall(index, callee, address, gradientArguments, gradientArrays);
                facts = facts with { Address = address };
                break;
        }
        if (site is IrChoice { Address: DynamicAddress }) _gradient.Block(invocation, "a choice at an address known only at run time");
        if (site is IrTracedCall { Address: DynamicAddress }) _gradient.Block(invocation, "a traced call at an address known only at run time");
        _facts[index] = facts;
        return site;
    }

    /// <summary>
    /// For a traced call <c>XGen(a, b).At(...)</c> of a [Gen] method of this compilation whose arguments depend on
    /// continuous choices: the arguments of X's double parameters in order (their gradient carries into X's gradient
    /// body), and, where continuous values reach its double[] parameters, one entry per such parameter (the local, or
    /// <c>null</c> for constants); null when a continuous value reaches any other parameter or a double[] parameter
    /// through anything but a local or parameter, or an argument is named, by reference, or holds a site of its own.
    /// </summary>
    private (EquatableArray<IrExpr> Reals, EquatableArray<IrExpr> Arrays)? CalleeGradientArguments(SiteShape shape)
    {
        if (shape.Receiver is not InvocationExpressionSyntax call) return null;
        // Scan(XGen, steps, init) of doubles: the initial state is the one argument a continuous value may reach.
        if (_recognizer.IsScanOfDoubles(shape) && call.ArgumentList.Arguments is { Count: 3 } scan
            && !_gradient.IsActive(scan[0].Expression) && !_gradient.IsActive(scan[1].Expression) && !ContainsSite(scan[2].Expression))
            return (new[] { LowerExpr(scan[2].Expression) }.ToEquatableArray(), EquatableArray<IrExpr>.Empty);
        if (_recognizer.GeneratedFactoryTarget(call) is not { } target) return null;
        var arguments = call.ArgumentList.Arguments;
        if (arguments.Count > target.Parameters.Length || target.Parameters.Any(p => p.IsParams)) return null;
        if (arguments.Any(a => a.NameColon is not null || !a.RefKindKeyword.IsKind(SyntaxKind.None) || ContainsSite(a.Expression))) return null;
        var reals = new List<IrExpr>();
        var arrays = new List<IrExpr>();
        var anyArray = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            var expression = arguments[i].Expression;
            var type = target.Parameters[i].Type;
            if (type.SpecialType == SpecialType.System_Double) reals.Add(LowerExpr(expression));
            else if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double })
            {
                var active = _gradient.IsActive(expression);
                // A Real[] in the gradient body is a local or parameter of it; an array made in the argument is not.
                if (active && expression is not IdentifierNameSyntax) return null;
                arrays.Add(active ? LowerExpr(expression) : new IrText("null"));
                anyArray |= active;
            }
            else if (_gradient.IsActive(expression)) return null;
        }
        if (reals.Count > MaxRealArguments || anyArray && arrays.Count > MaxRealArguments) return null;
        return (reals.ToEquatableArray(), anyArray ? arrays.ToEquatableArray() : EquatableArray<IrExpr>.Empty);
    }

    /// <summary>The runtime's <c>Gradient.MaxRealArguments</c>: its CallReal and Call overloads take up to four, and its WithArrays too.</summary>
    private const int MaxRealArguments = 4;

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
        // A half-typed argument (e.g. '.At(.(') has an error type with no name at all.
        var name = type?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        if (string.IsNullOrEmpty(name)) return "a value of unknown type";
        return ("aeiouAEIOU".IndexOf(name![0]) >= 0 ? "an " : "a ") + name;
    }
}
