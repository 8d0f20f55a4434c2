using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using Gen.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Gen.Generators.Parsing;

/// <summary>
/// Remembers <see cref="GenMethodParser.Parse"/>'s results across the runs of one pipeline (one generator driver, kept
/// by the IDE from keystroke to keystroke), so that an edit re-lowers only the [Gen] methods it can change. Roslyn
/// re-runs the parse step for every [Gen] method of the compilation on every edit (the step reads the semantic
/// model), and lowering binds each whole body: without this, one keystroke costs a bind of every model.
/// </summary>
/// <remarks>
/// A method's result is a function of its own text (and column), where it sits among the declarations of its file,
/// and what every file declares: everything but the bodies of methods, constructors, operators, accessors and
/// expression-bodied properties, since a body never changes how code outside it binds (preprocessor directives are
/// kept wherever they are: <c>#nullable</c> in a body reaches past it); plus each file's path and parse options, the
/// references and the compilation options. That is the key. Only results without diagnostics, or with GEN015 notes
/// alone, are kept: a model holds no position, so a method moved by an edit above it reuses its result, and a note's
/// location is moved with the method (its place inside the method's unchanged text is the same). Results with other
/// diagnostics are recomputed. A model whose kernel analysis read its callees' (a traced call of a [Gen] method) is
/// reused only while each callee's own kept result says the same of it (in the kernel subset or not, and why), however
/// its body was edited. Entries not used by the last few compilations are dropped.
/// </remarks>
internal sealed class ParseCache
{
    /// <summary>How many compilations an entry survives unused (more than one, for an IDE that alternates two).</summary>
    private const int Lifetime = 4;

    private readonly Action<string>? _parsed;
    private readonly ConditionalWeakTable<Compilation, Declarations> _compilations = new();
    private readonly ConditionalWeakTable<SyntaxTree, TreeDeclarations> _trees = new();
    private readonly ConditionalWeakTable<Compilation, System.Collections.Concurrent.ConcurrentDictionary<BodyDependency, bool>> _holding = new();
    private readonly Dictionary<MethodKey, Entry> _entries = new();
    private readonly object _gate = new();
    private Declarations? _latest;
    private int _generation;

    /// <param name="parsed">Told the name of each method actually parsed (a test hook).</param>
    public ParseCache(Action<string>? parsed) => _parsed = parsed;

    public ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
    {
        MethodKey? key;
        try
        {
            key = context.TargetNode is MethodDeclarationSyntax method ? Key(context.SemanticModel.Compilation, method, cancellation) : null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            key = null; // the cache is an optimisation: without a key, parse as if it were not there
        }
        if (key is not null)
        {
            lock (_gate)
            {
                // A model whose kernel analysis read callees' bodies (text the key leaves out) holds while they read the same.
                if (_entries.TryGetValue(key, out var entry) && Holds(entry.Result, context.SemanticModel.Compilation, cancellation))
                {
                    entry.Used = _generation;
                    return entry.Result.Diagnostics.Count == 0 ? entry.Result : entry.At(Place(context.TargetNode, cancellation));
                }
            }
        }

        _parsed?.Invoke((context.TargetSymbol as IMethodSymbol)?.Name ?? "");
        var result = GenMethodParser.Parse(context, cancellation, Cached);
        if (key is not null && result.Diagnostics.All(d => d.Id == Gen.Diagnostics.Descriptors.NoGradientId))
        {
            var place = result.Diagnostics.Count == 0 ? default : Place(context.TargetNode, cancellation); // only notes need moving
            lock (_gate) _entries[key] = new Entry(result, place) { Used = _generation };
        }
        return result;
    }

    /// <summary>
    /// The result kept for <paramref name="method"/> in <paramref name="compilation"/>, if any (a caller's kernel analysis
    /// reads its callee's instead of lowering the callee's body again).
    /// </summary>
    private ParseResult? Cached(Compilation compilation, MethodDeclarationSyntax method, CancellationToken cancellation)
    {
        MethodKey key;
        try
        {
            key = Key(compilation, method, cancellation);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return null;
        }
        Entry? entry;
        lock (_gate)
            if (!_entries.TryGetValue(key, out entry)) return null;
        return Holds(entry.Result, compilation, cancellation) ? entry.Result : null;
    }

    /// <summary>Whether every callee <paramref name="result"/>'s kernel analysis read still says the same (each checked once per compilation).</summary>
    private bool Holds(ParseResult result, Compilation compilation, CancellationToken cancellation)
    {
        if (result.Dependencies.Count == 0) return true;
        var known = _holding.GetValue(compilation, _ => new System.Collections.Concurrent.ConcurrentDictionary<BodyDependency, bool>());
        foreach (var dependency in result.Dependencies)
            if (!known.GetOrAdd(dependency, d => Check(d, compilation, cancellation))) return false;
        return true;
    }

    /// <summary>The dependencies being checked on this thread: a callee's check reads its own callees', and a cycle (recursive models) answers false.</summary>
    [ThreadStatic] private static HashSet<BodyDependency>? t_checking;

    private bool Check(BodyDependency dependency, Compilation compilation, CancellationToken cancellation)
    {
        var checking = t_checking ??= [];
        if (!checking.Add(dependency)) return false;
        try
        {
            return dependency.Holds(compilation, Cached, cancellation);
        }
        finally
        {
            checking.Remove(dependency);
        }
    }

    private MethodKey Key(Compilation compilation, MethodDeclarationSyntax method, CancellationToken cancellation)
    {
        var declarations = _compilations.GetValue(compilation, Declare);
        // The method's text straight from the file's text (no walk of its tokens), and the column it starts at
        // (lowering re-indents statements by their column).
        var text = method.SyntaxTree.GetText(cancellation);
        var span = method.FullSpan;
        var column = text.Lines.GetLinePosition(span.Start).Character;
        return new MethodKey(declarations, method.SyntaxTree.FilePath, Path(method), text.ToString(span), column);
    }

    /// <summary>
    /// The declarations of a compilation seen for the first time; the latest ones again when they are equal (so the
    /// keys of an edit inside a body compare by reference). A new compilation starts a generation: stale entries go.
    /// </summary>
    private Declarations Declare(Compilation compilation)
    {
        var trees = compilation.SyntaxTrees.Select(tree => _trees.GetValue(tree, static t => new TreeDeclarations(t))).ToArray();
        var declarations = new Declarations(trees, compilation.References.ToArray(), compilation.Options, compilation.AssemblyName);
        lock (_gate)
        {
            if (declarations.Equals(_latest)) declarations = _latest!;
            _latest = declarations;
            _generation++;
            foreach (var stale in _entries.Where(e => _generation - e.Value.Used > Lifetime).Select(e => e.Key).ToList())
                _entries.Remove(stale);
        }
        return declarations;
    }

    /// <summary>Where the method sits in its file: the index of each of its ancestors among its parent's children.</summary>
    private static string Path(SyntaxNode node)
    {
        var path = new StringBuilder();
        for (var parent = node.Parent; parent is not null; node = parent, parent = parent.Parent)
        {
            var index = parent switch
            {
                TypeDeclarationSyntax type when node is MemberDeclarationSyntax member => type.Members.IndexOf(member),
                BaseNamespaceDeclarationSyntax ns when node is MemberDeclarationSyntax member => ns.Members.IndexOf(member),
                CompilationUnitSyntax unit when node is MemberDeclarationSyntax member => unit.Members.IndexOf(member),
                _ => ChildIndex(parent, node),
            };
            path.Append(index).Append('/');
        }
        return path.ToString();
    }

    private static int ChildIndex(SyntaxNode parent, SyntaxNode node)
    {
        var index = 0;
        foreach (var child in parent.ChildNodes())
        {
            if (child == node) break;
            index++;
        }
        return index;
    }

    /// <summary>Where a method starts: its offset in the file and its line.</summary>
    private static (int Offset, int Line) Place(SyntaxNode method, CancellationToken cancellation)
    {
        var start = method.FullSpan.Start;
        return (start, method.SyntaxTree.GetText(cancellation).Lines.GetLineFromPosition(start).LineNumber);
    }

    private sealed class Entry(ParseResult result, (int Offset, int Line) place)
    {
        public ParseResult Result => result;

        public int Used { get; set; }

        /// <summary>The result for the method now starting at <paramref name="now"/>: its notes moved by as much as the method.</summary>
        public ParseResult At((int Offset, int Line) now)
        {
            if (now == place) return result;
            var (offset, lines) = (now.Offset - place.Offset, now.Line - place.Line);
            var moved = result.Diagnostics.Select(d => d.Location is not { } l ? d : d with
            {
                Location = l with
                {
                    Span = new TextSpan(l.Span.Start + offset, l.Span.Length),
                    LineSpan = new LinePositionSpan(
                        new LinePosition(l.LineSpan.Start.Line + lines, l.LineSpan.Start.Character),
                        new LinePosition(l.LineSpan.End.Line + lines, l.LineSpan.End.Character)),
                },
            });
            return result with { Diagnostics = moved.ToEquatableArray() };
        }
    }

    private sealed record MethodKey(Declarations Declarations, string FilePath, string Path, string Text, int Column);

    /// <summary>What a compilation declares, as far as a [Gen] method's lowering can tell: its files' declarations, references and options.</summary>
    private sealed class Declarations : IEquatable<Declarations>
    {
        private readonly TreeDeclarations[] _trees;
        private readonly MetadataReference[] _references;
        private readonly CompilationOptions _options;
        private readonly string? _assemblyName;
        private readonly int _hash;

        public Declarations(TreeDeclarations[] trees, MetadataReference[] references, CompilationOptions options, string? assemblyName)
        {
            _trees = trees;
            _references = references;
            _options = options;
            _assemblyName = assemblyName;
            var hash = assemblyName?.GetHashCode() ?? 0;
            foreach (var tree in trees) hash = unchecked(hash * 31 + tree.GetHashCode());
            _hash = unchecked(hash * 31 + references.Length);
        }

        public bool Equals(Declarations? other) =>
            ReferenceEquals(this, other)
            || other is not null && _hash == other._hash && _assemblyName == other._assemblyName
               && _trees.Length == other._trees.Length && _references.Length == other._references.Length
               && _trees.Zip(other._trees, (a, b) => ReferenceEquals(a, b) || a.Equals(b)).All(same => same)
               // A reference counts as the same only when it is the same object: the IDE keeps unchanged ones.
               && _references.Zip(other._references, ReferenceEquals).All(same => same)
               && _options.Equals(other._options);

        public override bool Equals(object? obj) => Equals(obj as Declarations);

        public override int GetHashCode() => _hash;
    }

    /// <summary>What one file declares: its path, parse options and text without the bodies of its members (directives kept).</summary>
    private sealed class TreeDeclarations : IEquatable<TreeDeclarations>
    {
        private readonly string _path;
        private readonly ParseOptions _options;
        private readonly string _text;
        private readonly int _hash;

        public TreeDeclarations(SyntaxTree tree)
        {
            _path = tree.FilePath;
            _options = tree.Options;
            _text = Text(tree.GetRoot());
            _hash = unchecked(_path.GetHashCode() * 31 + _text.GetHashCode());
        }

        public bool Equals(TreeDeclarations? other) =>
            ReferenceEquals(this, other)
            || other is not null && _hash == other._hash && _path == other._path && _text == other._text && _options.Equals(other._options);

        public override bool Equals(object? obj) => Equals(obj as TreeDeclarations);

        public override int GetHashCode() => _hash;

        private static string Text(SyntaxNode root)
        {
            var text = new StringBuilder();
            foreach (var element in root.DescendantNodesAndTokens(node => !IsBody(node)))
            {
                if (element.IsToken) text.Append(element.AsToken().Text).Append(' ');
                else if (element.AsNode() is { } node && IsBody(node)) text.Append(node is BlockSyntax ? "{} " : "=> ");
            }
            if (root is not CSharpSyntaxNode csharp) return text.ToString();
            for (var directive = csharp.GetFirstDirective(); directive is not null; directive = directive.GetNextDirective())
                text.Append('\n').Append(directive.ToString());
            return text.ToString();
        }

        /// <summary>
        /// A body whose content cannot change how anything outside it binds: of a method, constructor, operator or
        /// accessor, an expression-bodied property, and the initializer of a property or of a field that is not const
        /// (a const's value, an enum member's, a default argument and attribute arguments are declarations).
        /// </summary>
        private static bool IsBody(SyntaxNode node) => node.Parent switch
        {
            BaseMethodDeclarationSyntax method => node == method.Body || node == method.ExpressionBody,
            AccessorDeclarationSyntax accessor => node == accessor.Body || node == accessor.ExpressionBody,
            BasePropertyDeclarationSyntax => node is ArrowExpressionClauseSyntax || node is EqualsValueClauseSyntax,
            VariableDeclaratorSyntax => node is EqualsValueClauseSyntax
                                        && node.Parent.Parent?.Parent is BaseFieldDeclarationSyntax field
                                        && !field.Modifiers.Any(SyntaxKind.ConstKeyword),
            _ => false,
        };
    }
}
