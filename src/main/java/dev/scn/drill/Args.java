package dev.scn.drill;

import dev.scn.drill.script.Expr;
import dev.scn.engine.tcp.Errno;
import dev.scn.engine.tcp.SockOpt;

/** Reads a syscall's arguments: numbers, symbolic constants, {@code A | B}, {@code [x]}. */
final class Args {
    private Args() {
    }

    static long number(Expr e) {
        if (e instanceof Expr.Num n) {
            return n.value();
        }
        throw new UnsupportedFeature("argument " + e + " where a number was expected");
    }

    static String symbol(Expr e) {
        if (e instanceof Expr.Sym s) {
            return s.name();
        }
        throw new UnsupportedFeature("argument " + e + " where a constant was expected");
    }

    /** A number, a constant (socket option, flag, errno) or an or-ed set of them. */
    static long flags(Expr e) {
        if (e instanceof Expr.Num n) {
            return n.value();
        }
        if (e instanceof Expr.Sym s) {
            return constant(s.name());
        }
        if (e instanceof Expr.Or or) {
            return or.operands().stream().mapToLong(Args::flags).reduce(0, (x, y) -> x | y);
        }
        throw new UnsupportedFeature("argument " + e);
    }

    static Expr listItem(Expr e) {
        if (e instanceof Expr.ListExpr list && list.items().size() == 1) {
            return list.items().get(0);
        }
        return e;
    }

    private static long constant(String name) {
        Errno errno = Errno.byName(name);
        if (errno != null) {
            return errno.number();
        }
        java.util.OptionalInt v = SockOpt.byName(name);
        if (v.isEmpty()) {
            throw new UnsupportedFeature("constant " + name);
        }
        return v.getAsInt();
    }
}
