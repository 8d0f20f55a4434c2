using System;
using System.Text;

namespace Gen.Generators.Emit;

/// <summary>Writes C# text with indentation; <see cref="Block"/> opens a braced scope that closes on dispose.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0) _text.Append(' ', 4 * _depth).Append(line);
        _text.Append('\n');
        return this;
    }

    public IDisposable Block(string? header = null, string close = "}")
    {
        if (header is not null) Line(header);
        Line("{");
        _depth++;
        return new Closer(this, close);
    }

    public IDisposable Indent()
    {
        _depth++;
        return new Closer(this, null);
    }

    public override string ToString() => _text.ToString();

    private sealed class Closer(CodeWriter writer, string? close) : IDisposable
    {
        public void Dispose()
        {
            writer._depth--;
            if (close is not null) writer.Line(close);
        }
    }
}
