package dev.scn.drill.script;

import dev.scn.lang.antlr.PacketdrillParser;

import java.util.ArrayList;
import java.util.List;

/** Syscall arguments and results, tree to {@link Expr}. */
final class ExprBuilder {
    private final Values values;

    ExprBuilder(Values values) {
        this.values = values;
    }

    List<Expr> all(List<PacketdrillParser.ExprContext> exprs) {
        List<Expr> out = new ArrayList<>(exprs.size());
        for (PacketdrillParser.ExprContext e : exprs) {
            out.add(expr(e));
        }
        return out;
    }

    Expr expr(PacketdrillParser.ExprContext ctx) {
        if (ctx.primary().size() == 1) {
            return primary(ctx.primary(0));
        }
        List<Expr> operands = new ArrayList<>();
        for (PacketdrillParser.PrimaryContext p : ctx.primary()) {
            operands.add(primary(p));
        }
        return new Expr.Or(operands);
    }

    private Expr primary(PacketdrillParser.PrimaryContext ctx) {
        if (ctx instanceof PacketdrillParser.EllipsisExprContext) {
            return new Expr.Ellipsis();
        }
        if (ctx instanceof PacketdrillParser.IntExprContext i) {
            return new Expr.Num(values.signed(i.INTEGER().getSymbol(), i.MINUS() != null));
        }
        if (ctx instanceof PacketdrillParser.HexExprContext h) {
            return new Expr.Num(values.signed(h.HEX().getSymbol(), false));
        }
        if (ctx instanceof PacketdrillParser.SymExprContext s) {
            return new Expr.Sym(s.WORD().getText());
        }
        if (ctx instanceof PacketdrillParser.StringExprContext s) {
            String quoted = s.STRING().getText();
            return new Expr.Str(quoted.substring(1, quoted.length() - 1));
        }
        if (ctx instanceof PacketdrillParser.ListExprContext l) {
            return new Expr.ListExpr(all(l.expr()));
        }
        PacketdrillParser.StructExprContext s = (PacketdrillParser.StructExprContext) ctx;
        List<Expr.Field> fields = new ArrayList<>();
        for (PacketdrillParser.FieldContext f : s.field()) {
            fields.add(new Expr.Field(f.WORD().getText(), expr(f.expr())));
        }
        return new Expr.Struct(fields);
    }
}
