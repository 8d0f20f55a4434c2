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

/// <summary>Expressions, sample sites and their addresses.</summary>
internal sealed partial class IrLowering
{
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
                .FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or QueryExpressionSyntax) is { } closure)
            Unsupported(invocation, $"the sample site '{Short(invocation)}' is inside {Closure(closure)}; sample sites must be in the [Gen] method's own body (make the inner code a [Gen] method and trace it with .At, or write the loop out)");

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
}
