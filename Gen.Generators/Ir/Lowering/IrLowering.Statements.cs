using System.Collections.Generic;
using System.Linq;
using Gen.Generators.Models;
using Gen.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gen.Generators.Ir;

/// <summary>Statements: plain computation when they hold no sample site, IR nodes (let, branch, loop, return) when they do.</summary>
internal sealed partial class IrLowering
{
    private IrBlock LowerBlockStatements(SyntaxList<StatementSyntax> statements)
    {
        var lowered = new List<IrStatement>();
        var opened = 0;
        foreach (var statement in statements)
        {
            if (statement is IfStatementSyntax { Else: null } branch && AlwaysExits(branch.Statement))
            {
                // After `if (c) { ...; return; }` the rest of the block is the if's implicit else arm.
                var id = ++_branches;
                lowered.Add(ContainsSite(branch) ? LowerIf(branch, id) : Code(branch));
                _path.Add(new BranchStep(id, 1));
                opened++;
                continue;
            }
            lowered.Add(LowerStatement(statement));
        }
        _path.RemoveRange(_path.Count - opened, opened);
        return new IrBlock(lowered.ToEquatableArray());
    }

    private IrStatement LowerStatement(StatementSyntax statement)
    {
        _cancellation.ThrowIfCancellationRequested();
        if (!ContainsSite(statement)) return Code(statement);
        switch (statement)
        {
            case BlockSyntax block:
                return LowerBlockStatements(block.Statements);
            case LocalDeclarationStatementSyntax local when local.UsingKeyword.IsKind(SyntaxKind.None) && !local.IsConst:
                return LowerLet(local.Declaration);
            case ExpressionStatementSyntax expression:
                return new IrEvaluate(LowerExpr(expression.Expression));
            case ReturnStatementSyntax ret:
                return new IrReturn(ret.Expression is null ? null : LowerExpr(ret.Expression));
            case IfStatementSyntax branch:
                return LowerIf(branch, ++_branches);
            case ForStatementSyntax loop:
                return LowerFor(loop);
            case ForEachStatementSyntax loop:
                return new IrForeach(loop.Type + " " + loop.Identifier.ValueText, LowerExpr(loop.Expression), InLoop(() => LowerStatement(loop.Statement)),
                    _gradient.GradientType(loop) is { } type ? type + " " + loop.Identifier.ValueText : null);
            case ForEachVariableStatementSyntax loop:
                return new IrForeach(loop.Variable.ToString(), LowerExpr(loop.Expression), InLoop(() => LowerStatement(loop.Statement)));
            case WhileStatementSyntax loop:
                return InLoop(() => new IrWhile(LowerExpr(loop.Condition), LowerStatement(loop.Statement)));
            case DoStatementSyntax loop:
                return InLoop(() => new IrDoWhile(LowerStatement(loop.Statement), LowerExpr(loop.Condition)));
            case SwitchStatementSyntax @switch:
                return LowerSwitch(@switch);
            default:
                Unsupported(statement, $"a sample site inside {Describe(statement)}");
                return Code(statement);
        }
    }

    private IrLet LowerLet(VariableDeclarationSyntax declaration)
    {
        var type = _model.GetTypeInfo(declaration.Type).Type;
        var variables = declaration.Variables
            .Select(v => new IrDeclarator(v.Identifier.ValueText, v.Initializer is null ? null : LowerExpr(v.Initializer.Value)))
            .ToEquatableArray();
        // `var a = LineGen(xs).At("a")` has no type yet while the generator runs (LineGen is generated): use the site's.
        var display = type is { TypeKind: not TypeKind.Error } ? TypeNames.Display(type)
            : variables.Count == 1 && SiteOf(variables[0].Initializer) is { } site ? _sites[site].ValueDisplay
            : declaration.Type.ToString();
        return new IrLet(declaration.Type.ToString(), display, variables, _gradient.GradientType(declaration));
    }

    private static int? SiteOf(IrExpr? expression) => expression switch
    {
        IrChoice choice => choice.Site,
        IrTracedCall call => call.Site,
        _ => null,
    };

    private IrStatement LowerIf(IfStatementSyntax branch, int id)
    {
        var condition = LowerExpr(branch.Condition);
        var then = InArm(id, 0, () => LowerStatement(branch.Statement));
        var otherwise = branch.Else is null ? null : InArm(id, 1, () => LowerStatement(branch.Else.Statement));
        return new IrIf(condition, then, otherwise);
    }

    private IrStatement LowerFor(ForStatementSyntax loop)
    {
        var declaration = loop.Declaration is null ? null : LowerLet(loop.Declaration);
        var initializers = loop.Initializers.Select(LowerExpr).ToEquatableArray();
        return InLoop(() => new IrFor(declaration, initializers,
            loop.Condition is null ? null : LowerExpr(loop.Condition),
            loop.Incrementors.Select(LowerExpr).ToEquatableArray(),
            LowerStatement(loop.Statement)));
    }

    private IrStatement LowerSwitch(SwitchStatementSyntax @switch)
    {
        foreach (var label in @switch.Sections.SelectMany(s => s.Labels).Where(ContainsSite))
            Unsupported(label, $"a sample site in the switch label '{Short(label)}'; sample before the switch and match on the value");
        var subject = LowerExpr(@switch.Expression);
        var id = ++_branches;
        var sections = @switch.Sections.Select((section, arm) => InArm(id, arm, () => new IrSwitchSection(
            section.Labels.Select(l => l.ToString()).ToEquatableArray(),
            LowerBlockStatements(section.Statements).Statements))).ToEquatableArray();
        return new IrSwitch(subject, sections);
    }
}
