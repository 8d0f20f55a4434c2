using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gen.Generators.Models;
using Gen.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.Generators.Ir;

/// <summary>
/// Lowers a [Gen] method body to the sample-primitive IR, along its syntax with the semantic model's meaning of
/// each node: statements without sample sites stay plain computation; statements and expressions with sites become
/// IR nodes down to the sites themselves. Every construct that cannot be lowered is reported as GEN004 and lowering
/// goes on, so one build shows every problem.
/// </summary>
internal sealed partial class IrLowering
{
    private readonly SemanticModel _model;
    private readonly KnownTypes _known;
    private readonly SiteRecognizer _recognizer;
    private readonly CancellationToken _cancellation;
    private readonly Dictionary<InvocationExpressionSyntax, SiteShape> _shapes = new();
    private readonly Dictionary<InvocationExpressionSyntax, int> _siteIndices = new();
    private readonly List<IrSite> _sites = new();
    private readonly List<SiteFacts> _facts = new();
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly List<BranchStep> _path = new();
    private int _branches;
    private int _loopDepth;
    private Differentiation _gradient = null!;

    private readonly ArgumentActivity _arguments;

    /// <param name="arguments">
    /// Which of the method's parameters the gradient body carries gradients in: none (they are constants of the
    /// gradient), its double parameters (so that a caller's traced call may pass it continuous values), and its double[]
    /// parameters (the array gradient body: <c>trace.ArrayArgumentGradients()</c>, and callers passing continuous arrays).
    /// </param>
    public IrLowering(SemanticModel model, KnownTypes known, CancellationToken cancellation, ArgumentActivity arguments = ArgumentActivity.None)
    {
        _arguments = arguments;
        _model = model;
        _known = known;
        _recognizer = new SiteRecognizer(model, known);
        _cancellation = cancellation;
    }

    public IReadOnlyList<IrSite> Sites => _sites;

    /// <summary>The sample sites of the body, by invocation.</summary>
    public IReadOnlyDictionary<InvocationExpressionSyntax, SiteShape> Shapes => _shapes;

    /// <summary>The index in <see cref="Sites"/> of each lowered sample site, by invocation.</summary>
    public IReadOnlyDictionary<InvocationExpressionSyntax, int> SiteIndices => _siteIndices;
    public IReadOnlyList<SiteFacts> Facts => _facts;
    public List<DiagnosticInfo> Diagnostics => _diagnostics;

    /// <summary>Why the method gets no gradient body (the first construct outside the differentiable subset), or null.</summary>
    public string? GradientObstacle => _gradient.Obstacle;

    /// <summary>Where <see cref="GradientObstacle"/> lies.</summary>
    public Models.LocationInfo? GradientObstacleLocation => _gradient.ObstacleLocation;

    /// <summary>The parameters a gradient can flow into: those of type double.</summary>
    public static IEnumerable<IParameterSymbol> RealParameters(IMethodSymbol method) =>
        method.Parameters.Where(p => p.Type.SpecialType == SpecialType.System_Double);

    /// <summary>The parameters of type double[] (one dimension), whose elements a gradient can flow into.</summary>
    public static IEnumerable<IParameterSymbol> ArrayParameters(IMethodSymbol method) =>
        method.Parameters.Where(p => p.Type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double });

    private static IEnumerable<IParameterSymbol> ActiveParameters(IMethodSymbol method, ArgumentActivity arguments) =>
        (arguments.HasFlag(ArgumentActivity.Reals) ? RealParameters(method) : []).Concat(arguments.HasFlag(ArgumentActivity.Arrays) ? ArrayParameters(method) : []);

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
        if (_shapes.Count > 0) ReportBackwardJumps(body);
        var symbol = (IMethodSymbol)_model.GetDeclaredSymbol(method)!;
        _gradient = new Differentiation(_model, _shapes, body, TypeNames.FullyQualified(symbol.ReturnType),
            ActiveParameters(symbol, _arguments));
        var lowered = method.Body is not null
            ? LowerBlockStatements(method.Body.Statements)
            : new IrBlock(new IrStatement[] { new IrReturn(LowerExpr(method.ExpressionBody!.Expression)) }.ToEquatableArray());
        _gradient.Validate(body); // after the sites: their own obstacles name them more precisely
        return lowered;
    }
}

/// <summary>Which parameters of a [Gen] method its gradient body carries gradients in.</summary>
[System.Flags]
internal enum ArgumentActivity
{
    /// <summary>None: the arguments are constants of the gradient.</summary>
    None = 0,

    /// <summary>The double parameters (a caller's traced call may pass continuous values).</summary>
    Reals = 1,

    /// <summary>The double[] parameters, element by element (the array gradient body).</summary>
    Arrays = 2,
}
