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
    private readonly List<IrSite> _sites = new();
    private readonly List<SiteFacts> _facts = new();
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly List<BranchStep> _path = new();
    private int _branches;
    private int _loopDepth;
    private Differentiation _gradient = null!;

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

    /// <summary>Why the method gets no gradient body (the first construct outside the differentiable subset), or null.</summary>
    public string? GradientObstacle => _gradient.Obstacle;

    /// <summary>Where <see cref="GradientObstacle"/> lies.</summary>
    public Models.LocationInfo? GradientObstacleLocation => _gradient.ObstacleLocation;

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
        _gradient = new Differentiation(_model, _shapes, body, TypeNames.FullyQualified(((IMethodSymbol)_model.GetDeclaredSymbol(method)!).ReturnType));
        var lowered = method.Body is not null
            ? LowerBlockStatements(method.Body.Statements)
            : new IrBlock(new IrStatement[] { new IrReturn(LowerExpr(method.ExpressionBody!.Expression)) }.ToEquatableArray());
        _gradient.Validate(body); // after the sites: their own obstacles name them more precisely
        return lowered;
    }
}
