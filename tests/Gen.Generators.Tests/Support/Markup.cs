using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;

namespace Gen.Generators.Tests.Support;

/// <summary>
/// Source with expected diagnostics marked in place as <c>{|GEN004:code|}</c>: <see cref="Parse"/> strips the
/// markers and returns each expected (id, span).
/// </summary>
public static partial class Markup
{
    public static (string Source, List<(string Id, TextSpan Span)> Expected) Parse(string markup)
    {
        var expected = new List<(string, TextSpan)>();
        var text = new System.Text.StringBuilder();
        var open = new Stack<(string Id, int Start)>();
        for (var i = 0; i < markup.Length;)
        {
            var match = OpenMarker().Match(markup, i);
            if (match.Success && match.Index == i)
            {
                open.Push((match.Groups[1].Value, text.Length));
                i += match.Length;
            }
            else if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == '}' && open.Count > 0)
            {
                var (id, start) = open.Pop();
                expected.Add((id, TextSpan.FromBounds(start, text.Length)));
                i += 2;
            }
            else
            {
                text.Append(markup[i++]);
            }
        }
        return (text.ToString(), expected);
    }

    [GeneratedRegex(@"\{\|(GEN\d{3}):")]
    private static partial Regex OpenMarker();
}
