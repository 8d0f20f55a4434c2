using System.Globalization;
using System.Text;

namespace Gen.Samples;

/// <summary>
/// A small SVG plot writer for the samples: one set of axes in data coordinates, with points, lines and labels.
/// Plain text, no package needed; open the file in any browser.
/// </summary>
public sealed class SvgPlot
{
    private const double Width = 640, Height = 420, Left = 60, Right = 20, Top = 40, Bottom = 50;
    private readonly double _x0, _x1, _y0, _y1;
    private readonly StringBuilder _body = new();

    /// <summary>A plot of the data rectangle [<paramref name="x0"/>, <paramref name="x1"/>] × [<paramref name="y0"/>, <paramref name="y1"/>].</summary>
    public SvgPlot(string title, string xLabel, string yLabel, double x0, double x1, double y0, double y1)
    {
        (_x0, _x1, _y0, _y1) = (x0, x1, y0, y1);
        _body.Append($"<text x='{Width / 2}' y='22' text-anchor='middle' font-size='16'>{Escape(title)}</text>\n");
        _body.Append($"<text x='{Width / 2}' y='{Height - 10}' text-anchor='middle' font-size='13'>{Escape(xLabel)}</text>\n");
        _body.Append($"<text x='16' y='{Height / 2}' text-anchor='middle' font-size='13' transform='rotate(-90 16 {Height / 2})'>{Escape(yLabel)}</text>\n");
        _body.Append($"<rect x='{Left}' y='{Top}' width='{Width - Left - Right}' height='{Height - Top - Bottom}' fill='none' stroke='#444'/>\n");
        for (var i = 0; i <= 4; i++)
        {
            var x = x0 + (x1 - x0) * i / 4;
            var y = y0 + (y1 - y0) * i / 4;
            _body.Append($"<text x='{F(X(x))}' y='{Height - Bottom + 16}' text-anchor='middle' font-size='11'>{F(x)}</text>\n");
            _body.Append($"<text x='{Left - 6}' y='{F(Y(y) + 4)}' text-anchor='end' font-size='11'>{F(y)}</text>\n");
        }
    }

    /// <summary>A dot at (x, y).</summary>
    public SvgPlot Point(double x, double y, string color = "black", double radius = 3.5, double opacity = 1) =>
        Add($"<circle cx='{F(X(x))}' cy='{F(Y(y))}' r='{F(radius)}' fill='{color}' fill-opacity='{F(opacity)}'/>");

    /// <summary>A polyline through the points.</summary>
    public SvgPlot Line(IEnumerable<(double X, double Y)> points, string color = "black", double width = 1.5, double opacity = 1, bool dashed = false) =>
        Add($"<polyline fill='none' stroke='{color}' stroke-width='{F(width)}' stroke-opacity='{F(opacity)}'{(dashed ? " stroke-dasharray='6 4'" : "")} " +
            $"points='{string.Join(" ", points.Select(p => $"{F(X(p.X))},{F(Y(p.Y))}"))}'/>");

    /// <summary>A text label at data coordinates.</summary>
    public SvgPlot Label(double x, double y, string text, string color = "black") =>
        Add($"<text x='{F(X(x))}' y='{F(Y(y))}' font-size='12' fill='{color}'>{Escape(text)}</text>");

    /// <summary>Writes the plot beside the sample's executable (the build output, which git ignores) and returns the full path.</summary>
    public string Save(string fileName)
    {
        var full = Path.Combine(AppContext.BaseDirectory, fileName);
        File.WriteAllText(full,
            $"<svg xmlns='http://www.w3.org/2000/svg' width='{Width}' height='{Height}' font-family='sans-serif'>\n" +
            $"<rect width='100%' height='100%' fill='white'/>\n{_body}</svg>\n");
        return full;
    }

    private SvgPlot Add(string element)
    {
        _body.Append(element).Append('\n');
        return this;
    }

    private double X(double x) => Left + (x - _x0) / (_x1 - _x0) * (Width - Left - Right);

    private double Y(double y) => Height - Bottom - (y - _y0) / (_y1 - _y0) * (Height - Top - Bottom);

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
