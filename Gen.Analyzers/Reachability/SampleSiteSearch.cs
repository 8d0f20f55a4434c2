using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gen.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Gen.Analyzers.Reachability;

/// <summary>A sample site that a function reaches without going through <c>Seed</c>, described for a message.</summary>
internal sealed class ReachedSite
{
    private readonly string _what;
    private readonly string? _where;

    private ReachedSite(string what, string? where)
    {
        _what = what;
        _where = where;
    }

    /// <summary>A site in source: <c>normal(0, 1).At("x")</c>, <c>LineGen(xs).Simulate()</c>, <c>Models.Line(xs)</c>.</summary>
    public static ReachedSite At(string siteText) => new($"the sample site '{siteText}'", null);

    /// <summary>A [Gen] method used as a plain function (a method group): it runs with fresh randomness.</summary>
    public static ReachedSite GenMethod(string name) => new($"the [Gen] method '{name}', which draws fresh randomness when called directly", null);

    /// <summary>The same site, reached through <paramref name="method"/> (the innermost method is kept).</summary>
    public ReachedSite Through(string method) => _where is null ? new ReachedSite(_what, method) : this;

    public override string ToString() => _where is null ? _what : $"{_what} (in {_where})";
}

/// <summary>
/// Does a function value reach a sample site without going through <c>Seed</c>? Follows what the value denotes
/// (lambdas, method groups, local functions, locals assigned once, conditionals) and then calls into methods whose
/// source is in the compilation, transitively, to a small depth with a visited set. Anything it cannot see
/// (parameters, fields, functions returned by calls) is assumed fine: GEN001 must not cry wolf. Per-method results
/// are cached for the compilation, so no body is walked twice and there is no whole-compilation walk.
/// </summary>
internal sealed class SampleSiteSearch
{
    private const int MaxCallDepth = 4;
    private const int MaxValueHops = 8;
    private const int MaxSteps = 20_000; // operations visited by one search, whatever the shape of the code

    private readonly GenSymbols _symbols;
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<IMethodSymbol, ReachedSite?> _methods = new(SymbolEqualityComparer.Default);

    public SampleSiteSearch(GenSymbols symbols, Compilation compilation)
    {
        _symbols = symbols;
        _compilation = compilation;
    }

    /// <summary>The first unseeded sample site the function denoted by <paramref name="value"/> reaches, if any.</summary>
    public ReachedSite? Find(IOperation value, CancellationToken cancellation) =>
        new Walk(this, cancellation).Value(value, 0);

    /// <summary>One search: its visited set and whether a bound cut it short (then its negatives are not cached).</summary>
    private sealed class Walk
    {
        private readonly SampleSiteSearch _owner;
        private readonly CancellationToken _cancellation;
        private readonly HashSet<ISymbol> _visited = new(SymbolEqualityComparer.Default);
        private int _cuts;
        private int _steps;

        public Walk(SampleSiteSearch owner, CancellationToken cancellation)
        {
            _owner = owner;
            _cancellation = cancellation;
        }

        private GenSymbols Symbols => _owner._symbols;

        /// <summary>What a function-valued expression denotes, and whether that reaches a site.</summary>
        public ReachedSite? Value(IOperation? value, int hops)
        {
            if (value is null || hops > MaxValueHops) return null;
            switch (value)
            {
                case IConversionOperation conversion:
                    return Value(conversion.Operand, hops + 1);
                case IDelegateCreationOperation creation:
                    return Value(creation.Target, hops + 1);
                case IParenthesizedOperation parenthesized:
                    return Value(parenthesized.Operand, hops + 1);
                case IAnonymousFunctionOperation lambda:
                    return Body(lambda.Body, 0);
                case IMethodReferenceOperation reference:
                    return Method(reference.Method, 0);
                case ILocalReferenceOperation local:
                    return Value(SingleAssignment(local), hops + 1);
                case IConditionalOperation conditional:
                    return Value(conditional.WhenTrue, hops + 1) ?? Value(conditional.WhenFalse, hops + 1);
                case ICoalesceOperation coalesce:
                    return Value(coalesce.Value, hops + 1) ?? Value(coalesce.WhenNull, hops + 1);
                default:
                    // Seed(f) is seeded by definition; any other call, a field or a parameter is not visible here.
                    return null;
            }
        }

        /// <summary>Walks a body for sample sites, skipping what runs under Seed and what Jit checks itself.</summary>
        private ReachedSite? Body(IOperation? root, int depth)
        {
            if (root is null) return null;
            var pending = new Stack<IOperation>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                _cancellation.ThrowIfCancellationRequested();
                var operation = pending.Pop();
                if (++_steps > MaxSteps)
                {
                    _cuts++;
                    return null;
                }
                switch (operation)
                {
                    case IInvocationOperation invocation:
                        var target = invocation.TargetMethod;
                        if (Symbols.IsSeed(target) || Symbols.IsJit(target)) continue;
                        if (SampleSites.IsSampleSite(invocation, Symbols))
                            return ReachedSite.At(SampleSites.Short(invocation.Syntax));
                        var called = target.MethodKind == MethodKind.DelegateInvoke
                            ? Value(invocation.Instance, 0)
                            : Method(target, depth + 1);
                        if (called is not null) return called;
                        break;
                    case IMethodReferenceOperation reference:
                        if (Method(reference.Method, depth + 1) is { } referenced) return referenced;
                        break;
                }
                foreach (var child in operation.ChildOperations.Reverse()) pending.Push(child);
            }
            return null;
        }

        /// <summary>A method (or local function) by its source, or a [Gen] method (a sample site itself).</summary>
        private ReachedSite? Method(IMethodSymbol method, int depth)
        {
            if (Symbols.IsGenMethod(method))
                return ReachedSite.GenMethod(method.Name);
            if (Symbols.IsSeed(method) || Symbols.IsJit(method)) return null;
            method = method.PartialImplementationPart ?? method.OriginalDefinition;
            if (method.DeclaringSyntaxReferences.IsEmpty) return null; // metadata: only the known sample sites count
            if (_owner._methods.TryGetValue(method, out var known)) return known;
            if (depth > MaxCallDepth || !_visited.Add(method))
            {
                _cuts++;
                return null;
            }

            var cutsBefore = _cuts;
            ReachedSite? found = null;
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(_cancellation);
#pragma warning disable RS1030 // Only the few methods reachable from a [RequiresSeed] argument, each once per compilation (cached).
                var model = _owner._compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
                found = Body(model.GetOperation(syntax, _cancellation), depth);
                if (found is not null) break;
            }
            found = found?.Through(Display(method));
            if (found is not null || _cuts == cutsBefore) _owner._methods.TryAdd(method, found);
            return found;
        }

        /// <summary>The value a local holds, when it is assigned exactly once (by its declaration).</summary>
        private IOperation? SingleAssignment(ILocalReferenceOperation reference)
        {
            var local = reference.Local;
            if (local.IsRef) return null;
            IOperation top = reference;
            while (top.Parent is not null) top = top.Parent;

            IOperation? initializer = null;
            foreach (var operation in top.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        initializer = declarator.GetVariableInitializer()?.Value;
                        break;
                    case IAssignmentOperation assignment when Writes(assignment.Target, local):
                        return null;
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument when Writes(argument.Value, local):
                        return null;
                }
            }
            return initializer;
        }

        private static bool Writes(IOperation target, ILocalSymbol local) =>
            target is ILocalReferenceOperation written
                ? SymbolEqualityComparer.Default.Equals(written.Local, local)
                : target.Descendants().OfType<ILocalReferenceOperation>().Any(r => SymbolEqualityComparer.Default.Equals(r.Local, local));

        private static string Display(IMethodSymbol method) =>
            method.MethodKind == MethodKind.LocalFunction ? "local function " + method.Name
            : method.MethodKind == MethodKind.AnonymousFunction ? "a lambda"
            : method.ContainingType is { } type ? type.Name + "." + method.Name
            : method.Name;
    }
}
