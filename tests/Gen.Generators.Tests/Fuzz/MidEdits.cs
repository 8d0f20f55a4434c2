using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Gen.Generators.Tests.Fuzz;

/// <summary>
/// Random edits of a source file of the kind a user makes mid-typing: a token or a few characters deleted, a line
/// duplicated, truncated or deleted, a bracket dropped or added, a statement cut in half, a fragment of Gen code
/// inserted (<c>.At(</c>, <c>normal(</c>, <c>[Gen]</c>, <c>=&gt;</c>, <c>{</c>, <c>}</c>…), a token typed over,
/// the file cut short, a new [Gen] method half typed, a name renamed to another, a name or literal replaced by an
/// expression of another kind. Most edits land inside a <c>[Gen]</c> method, where the generator and the analyzers look
/// hardest. Driven by a <see cref="Random"/>, so a seed gives the same edits every run.
/// </summary>
public static class MidEdits
{
    /// <summary>Fragments a user may be halfway through typing.</summary>
    private static readonly string[] Fragments =
    [
        ".At(", "normal(", "[Gen]", "=>", "{", "}", "(", ")", "[", "]", ";", ",", ".", "\"", "'", "?", ":", "!", "=", "<", ">",
        ".At(\"x\")", ".At(\"y\", i)", ".At(", "normal(0, 1).At(", "normal(0, 1).At(\"slope\")", "flip(0.5).At(\"c\") ? ",
        "[Gen] public static double N(", "[Gen] static double M() => ", "[Gen]\n    public static double K(int n)\n    {\n",
        "return ", "return;", "if (", "else ", "for (var i = 0; i < ", "foreach (var q in ", "while (", "do ", "switch (", "case 1:",
        "default:", "break;", "yield return ", "async ", "await ", "ref ", "out ", "in ", "this ", "<T>", "static ", "partial ",
        "file ", "goto L;", "L: ", "() => ", "x => ", "delegate ", "default", "null", "new[] { ", "new() { ", "$\"{", "@\"",
        "\"\"\"", "/*", "//", "#if X\n", "#endif\n", "#region\n", "using (", "try { ", "catch ", "lock (", "checked(", "stackalloc ",
        "__arglist", "..", "^", "is not ", "with { ", "switch { ", "when ", "=> default,", "var ", "double ", "int ", "Address ",
        "LineGen(xs).At(", "SubGen(acc).At(", "PointGen(", "Gen(", "Simulate()", "Jit(", "Seed(", "\n", "\t", "@",
    ];

    /// <summary>Expressions of every kind, to stand where a name or literal was.</summary>
    private static readonly string[] Expressions =
    [
        "null", "default", "\"s\"", "1", "1.5", "-1", "int.MaxValue", "double.NaN", "true", "xs", "i", "(1, 2)", "(\"y\", 1)", "new[] { 1 }",
        "x => x", "typeof(int)", "Gen", "System", "this", "base", "nameof(xs)", "new()", "[]", "[0.5, 0.5]", "stackalloc int[1]",
        "normal", "normal(0, 1)", "flip(0.5)", "Address", "Key", "Distributions", "(Address)\"a\"", "__arglist()", "ref x", "out var z",
        "await x", "throw null", "x is int", "x switch { _ => 1 }", "(object)1", "dynamicValue", "M<int>", "global::Gen",
    ];

    /// <summary>Applies 1 to 3 random edits to <paramref name="source"/>.</summary>
    public static string Apply(string source, Random random)
    {
        var edits = 1 + random.Next(3);
        for (var i = 0; i < edits; i++) source = ApplyOne(source, random);
        return source;
    }

    private static string ApplyOne(string source, Random random)
    {
        if (source.Length == 0) return Pick(random, Fragments);
        var root = CSharpSyntaxTree.ParseText(source, Support.GeneratorHarness.ParseOptions).GetRoot();
        var region = Region(root, random);
        var position = region.Start + random.Next(Math.Max(1, region.Length));
        var tokens = root.DescendantTokens().Where(t => region.Contains(t.Span) && t.Span.Length > 0).ToList();
        switch (random.Next(15))
        {
            case 0 when tokens.Count > 0:
            {
                var token = Pick(random, tokens);
                return Remove(source, token.Span);
            }
            case 1:
                return Remove(source, new TextSpan(position, Math.Min(1 + random.Next(4), source.Length - position)));
            case 2:
            {
                var line = Line(source, position);
                return source.Insert(line.End, "\n" + source.Substring(line.Start, line.Length));
            }
            case 3:
            {
                var line = Line(source, position);
                return Remove(source, TextSpan.FromBounds(position, line.End));
            }
            case 4:
            {
                var line = Line(source, position);
                return Remove(source, TextSpan.FromBounds(line.Start, Math.Min(source.Length, line.End + 1)));
            }
            case 5:
            {
                // Drop one bracket of a pair, or add a stray one: the file no longer balances.
                var brackets = tokens.Where(t => t.Text is "{" or "}" or "(" or ")" or "[" or "]").ToList();
                if (brackets.Count > 0 && random.Next(2) == 0) return Remove(source, Pick(random, brackets).Span);
                return source.Insert(position, Pick(random, new[] { "{", "}", "(", ")", "[", "]" }));
            }
            case 6:
            {
                // A statement cut in half: everything from a point inside it to its end is gone.
                var statements = root.DescendantNodes().OfType<StatementSyntax>().Where(s => region.Contains(s.Span) && s is not BlockSyntax).ToList();
                if (statements.Count == 0) goto default;
                var statement = Pick(random, statements);
                var cut = statement.SpanStart + 1 + random.Next(Math.Max(1, statement.Span.Length - 1));
                return Remove(source, TextSpan.FromBounds(Math.Min(cut, statement.Span.End), statement.Span.End));
            }
            case 7 when tokens.Count > 0:
            {
                // A token typed over with a fragment.
                var token = Pick(random, tokens);
                return source.Remove(token.SpanStart, token.Span.Length).Insert(token.SpanStart, Pick(random, Fragments));
            }
            case 8 when random.Next(4) == 0:
                // The file cut short (the user is typing at its end).
                return source.Substring(0, position);
            case 9 when tokens.Count > 0:
            {
                // A prefix of a token: an identifier or literal half typed.
                var token = Pick(random, tokens);
                if (token.Span.Length < 2) goto default;
                return Remove(source, TextSpan.FromBounds(token.SpanStart + 1 + random.Next(token.Span.Length - 1), token.Span.End));
            }
            case 10:
            {
                // A new [Gen] method being typed: a prefix of one of the file's, inserted before a member.
                var methods = GenMethods(root);
                var members = root.DescendantNodes().OfType<MemberDeclarationSyntax>().Where(m => m is not BaseNamespaceDeclarationSyntax).ToList();
                if (methods.Count == 0 || members.Count == 0) goto default;
                var text = Pick(random, methods).ToFullString();
                return source.Insert(Pick(random, members).FullSpan.Start, text.Substring(0, 1 + random.Next(text.Length - 1)));
            }
            case 11 when tokens.Count > 0:
            {
                // An identifier renamed to another of the file's (a name typed over, binding to something else).
                var identifiers = root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.Text).Distinct().ToList();
                var targets = tokens.Where(t => t.IsKind(SyntaxKind.IdentifierToken)).ToList();
                if (identifiers.Count == 0 || targets.Count == 0) goto default;
                var token = Pick(random, targets);
                return source.Remove(token.SpanStart, token.Span.Length).Insert(token.SpanStart, Pick(random, identifiers));
            }
            case 12 when tokens.Count > 0:
            {
                // A name or literal replaced by an expression of another kind or type.
                var targets = tokens.Where(t => t.IsKind(SyntaxKind.IdentifierToken) || t.IsKind(SyntaxKind.NumericLiteralToken) || t.IsKind(SyntaxKind.StringLiteralToken)).ToList();
                if (targets.Count == 0) goto default;
                var token = Pick(random, targets);
                return source.Remove(token.SpanStart, token.Span.Length).Insert(token.SpanStart, Pick(random, Expressions));
            }
            default:
            {
                // A fragment inserted at a token boundary or in the middle of a token.
                var at = tokens.Count > 0 && random.Next(3) > 0 ? Pick(random, tokens).SpanStart : position;
                return source.Insert(at, Pick(random, Fragments));
            }
        }
    }

    /// <summary>Where the edit lands: inside a [Gen] method nine times in ten (when there is one), else anywhere.</summary>
    private static TextSpan Region(SyntaxNode root, Random random)
    {
        if (random.Next(10) < 9)
        {
            var methods = GenMethods(root);
            if (methods.Count > 0) return Pick(random, methods).FullSpan;
        }
        return root.FullSpan;
    }

    private static List<MethodDeclarationSyntax> GenMethods(SyntaxNode root) =>
        root.DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Where(m => m.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().Contains("Gen", StringComparison.Ordinal)))
            .ToList();

    private static TextSpan Line(string source, int position)
    {
        var start = position == 0 ? 0 : source.LastIndexOf('\n', position - 1) + 1;
        var end = source.IndexOf('\n', position);
        return TextSpan.FromBounds(start, end < 0 ? source.Length : end);
    }

    private static string Remove(string source, TextSpan span) => source.Remove(span.Start, span.Length);

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>
    /// Shrinks a failing source: drops lines, then tokens, then single characters while <paramref name="fails"/>
    /// still holds, so that a crash is reported with a small input to turn into a regression test.
    /// </summary>
    public static string Minimize(string source, Func<string, bool> fails)
    {
        source = Shrink(source, s => s.Split('\n').Select(l => l + "\n").ToList(), fails);
        source = Shrink(source, s => Pieces(s), fails);
        return source;
    }

    /// <summary>Tokens with their leading trivia, so that removing one keeps the others apart.</summary>
    private static List<string> Pieces(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source, Support.GeneratorHarness.ParseOptions).GetRoot();
        var pieces = root.DescendantTokens(descendIntoTrivia: false).Select(t => t.ToFullString()).ToList();
        return string.Concat(pieces) == source ? pieces : source.Select(c => c.ToString()).ToList();
    }

    private static string Shrink(string source, Func<string, List<string>> split, Func<string, bool> fails)
    {
        var pieces = split(source);
        for (var chunk = Math.Max(1, pieces.Count / 2); chunk >= 1; chunk /= 2)
        {
            for (var start = 0; start < pieces.Count;)
            {
                var candidate = pieces.Take(start).Concat(pieces.Skip(start + chunk)).ToList();
                var text = new StringBuilder().AppendJoin("", candidate).ToString();
                if (candidate.Count < pieces.Count && fails(text)) pieces = candidate;
                else start += chunk;
            }
        }
        return string.Concat(pieces);
    }
}
