using Gen.Generators.Ir;

namespace Gen.Generators.Emit;

/// <summary>
/// Writes what one site does under one GFI method, as a static helper of the function class. Each branch
/// mirrors the reference interpreter (Distribution's and SiteOps' code) operation for operation, so generated
/// and interpreted executions agree bit for bit.
/// </summary>
internal static class SiteHelperWriter
{
    public static void Write(CodeWriter w, SiteCode c, GfiMode mode, string traceClass)
    {
        var traces = mode.Edits() ? $"{traceClass} __t, {traceClass} __prev" : $"{traceClass} __t";
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (w.Block($"internal static {c.T} {Names.Helper(mode, c.Site.Index)}{c.TypeParameters}({traces}, ref {Names.State} __s, {c.Parameters})"))
        {
            w.Line(c.DuplicateCheck);
            if (c.SharesRecord) w.Line($"__t.Dynamic.Claim({c.Address});");
            if (c.IsCall) Call(w, c, mode);
            else Choice(w, c, mode);
        }
        w.Line();
    }

    private static void Choice(CodeWriter w, SiteCode c, GfiMode mode)
    {
        if (mode == GfiMode.Assess)
        {
            using (w.Block($"if (!{c.TryGetConstraint($"var __v")})"))
                w.Line($"throw __s.Constraints.MissingChoice({c.Address});");
            w.Line("__s.Used++;");
            w.Line($"var __score = {c.LogDensity("__v")};");
            w.Line("__s.Weight += __score;");
            w.Line(c.Store(c.NewChoice("__v", "__score")));
            w.Line("return __v;");
            return;
        }

        w.Line("var __k = __s.Keys.Reserve();");
        if (mode == GfiMode.Simulate)
        {
            w.Line($"var __v = {c.Sample};");
            w.Line($"var __score = {c.LogDensity("__v")};");
        }
        else
        {
            // The previous choice here, if any (a Choice's Has is false where the previous trace had none).
            if (mode.Edits()) w.Line($"var __old = {c.Get("__prev")};");
            w.Line($"{c.T} __v;");
            w.Line("double __score;");
            switch (mode)
            {
                case GfiMode.Generate:
                    using (w.Block($"if ({c.TryGetConstraint("__v")})"))
                    {
                        w.Line("__s.Used++;");
                        w.Line($"__score = {c.LogDensity("__v")};");
                        w.Line("__s.Weight += __score;");
                    }
                    using (w.Block("else")) Fresh(w, c);
                    break;
                case GfiMode.Update:
                    using (w.Block($"if ({c.TryGetConstraint("__v")})"))
                    {
                        w.Line("__s.Used++;");
                        w.Line($"__score = {c.LogDensity("__v")};");
                        using (w.Block("if (__old.Has)"))
                        {
                            w.Line("__s.Weight += __score - __old.Score;");
                            w.Line($"__s.Discard({c.Address}, {Names.ChoiceMap}.Leaf(__old.Value!));");
                        }
                        using (w.Block("else")) w.Line("__s.Weight += __score;");
                    }
                    using (w.Block("else if (__old.Has)")) Rescore(w, c);
                    using (w.Block("else")) Fresh(w, c);
                    break;
                case GfiMode.Regenerate:
                    using (w.Block($"if (__old.Has && !{c.Selected})")) Rescore(w, c);
                    using (w.Block("else")) Fresh(w, c);
                    break;
            }
        }
        w.Line(c.Store(c.NewChoice("__v", "__score")));
        w.Line("__s.Score += __score;");
        w.Line("return __v;");
    }

    private static void Fresh(CodeWriter w, SiteCode c)
    {
        w.Line($"__v = {c.Sample};");
        w.Line($"__score = {c.LogDensity("__v")};");
    }

    private static void Rescore(CodeWriter w, SiteCode c)
    {
        w.Line("__v = __old.Value;");
        w.Line($"__score = {c.LogDensity("__v")};");
        w.Line("__s.Weight += __score - __old.Score;");
    }

    private static void Call(CodeWriter w, SiteCode c, GfiMode mode)
    {
        var trace = Names.Trace(c.T);
        switch (mode)
        {
            case GfiMode.Assess:
                w.Line($"__s.Visit({c.Address}, {c.Name});");
                w.Line($"var (__w, __r) = {Names.Gfi}.Assess(__f, __s.Constraints.GetSubmap({c.Address}), ref __s.Used);");
                w.Line("__s.Weight += __w;");
                w.Line("return __r;");
                return;
            case GfiMode.Simulate:
                w.Line("var __key = __s.Keys.Next();");
                w.Line($"var __sub = {Names.Gfi}.Simulate(__f, __key);");
                break;
            case GfiMode.Generate:
                w.Line("var __key = __s.Keys.Next();");
                w.Line($"var (__sub, __w) = {Names.Gfi}.Generate(__f, __key, {c.Submap}, ref __s.Used);");
                w.Line("__s.Weight += __w;");
                break;
            case GfiMode.Update:
                w.Line("var __key = __s.Keys.Next();");
                w.Line($"var __old = {c.PreviousTrace};");
                w.Line($"var __edit = {Names.Gfi}.Update(__f, __key, __old, {c.Submap}, ref __s.Used);");
                w.Line($"{trace} __sub;");
                using (w.Block("if (__edit is not null)"))
                {
                    w.Line("__sub = __edit.Trace;");
                    w.Line($"__s.Discard({c.Address}, __edit.Discard);");
                    w.Line("__s.Weight += __edit.Weight;");
                }
                using (w.Block("else"))
                {
                    w.Line($"(__sub, var __w) = {Names.Gfi}.Generate(__f, __key, {c.Submap}, ref __s.Used);");
                    w.Line("__s.Weight += __w;");
                    w.Line($"if (__old is not null) __s.Remove({c.Address}, __old.Score, __old.Choices);");
                }
                break;
            case GfiMode.Regenerate:
                w.Line("var __key = __s.Keys.Next();");
                w.Line($"var __edit = {Names.Gfi}.Regenerate(__f, __key, {c.PreviousTrace}, {c.SelectionBelow});");
                w.Line($"{trace} __sub;");
                using (w.Block("if (__edit is not null)"))
                {
                    w.Line("__sub = __edit.Trace;");
                    w.Line("__s.Weight += __edit.Weight;");
                }
                using (w.Block("else")) w.Line($"__sub = {Names.Gfi}.Simulate(__f, __key);");
                break;
        }
        w.Line(c.Store("__sub"));
        w.Line("__s.Score += __sub.Score;");
        w.Line("return __sub.Retval;");
    }
}
