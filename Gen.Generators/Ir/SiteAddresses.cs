using System.Collections.Generic;

namespace Gen.Generators.Ir;

/// <summary>A site's index and its address as written.</summary>
internal sealed record IrSiteAddress(int Index, IrAddress Address);

/// <summary>Walks an IR body and lists every sample node's address.</summary>
internal static class SiteAddresses
{
    public static IEnumerable<IrSiteAddress> Of(IrStatement statement)
    {
        var found = new List<IrSiteAddress>();
        Visit(statement, found);
        // A primitive site's arguments also occur inside its receiver: keep each site once.
        var seen = new HashSet<int>();
        found.RemoveAll(s => !seen.Add(s.Index));
        found.Sort((a, b) => a.Index.CompareTo(b.Index));
        return found;
    }

    private static void Visit(IrStatement statement, List<IrSiteAddress> found)
    {
        switch (statement)
        {
            case IrBlock block: foreach (var s in block.Statements) Visit(s, found); break;
            case IrLocal local: foreach (var v in local.Variables) Visit(v.Initializer, found); break;
            case IrExpressionStatement e: Visit(e.Expression, found); break;
            case IrReturn r: Visit(r.Value, found); break;
            case IrIf i: Visit(i.Condition, found); Visit(i.Then, found); if (i.Else is not null) Visit(i.Else, found); break;
            case IrFor f:
                if (f.Declaration is not null) Visit(f.Declaration, found);
                foreach (var e in f.Initializers) Visit(e, found);
                Visit(f.Condition, found);
                foreach (var e in f.Incrementors) Visit(e, found);
                Visit(f.Body, found);
                break;
            case IrForeach f: Visit(f.Collection, found); Visit(f.Body, found); break;
            case IrWhile w: Visit(w.Condition, found); Visit(w.Body, found); break;
            case IrDo d: Visit(d.Body, found); Visit(d.Condition, found); break;
            case IrSwitch s:
                Visit(s.Subject, found);
                foreach (var section in s.Sections) foreach (var inner in section.Statements) Visit(inner, found);
                break;
        }
    }

    private static void Visit(IrExpr? expression, List<IrSiteAddress> found)
    {
        switch (expression)
        {
            case IrSplice splice: foreach (var part in splice.Parts) Visit(part, found); break;
            case IrSample sample:
                found.Add(new IrSiteAddress(sample.Site, sample.Address));
                foreach (var a in sample.Arguments) Visit(a, found);
                Visit(sample.Receiver, found);
                if (sample.Address is IndexedAddress i) Visit(i.Index, found);
                if (sample.Address is DynamicAddress d) foreach (var a in d.Arguments) Visit(a, found);
                break;
        }
    }
}
