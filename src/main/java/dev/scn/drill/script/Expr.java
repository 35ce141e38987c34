package dev.scn.drill.script;

import java.util.List;

/** A syscall argument or result in packetdrill's expression syntax. */
public sealed interface Expr {

    /** {@code ...}: "whatever the call needs" (an address, a buffer). */
    record Ellipsis() implements Expr { }

    /** A number: decimal, hex {@code 0x..}, or negative ({@code -1}). */
    record Num(long value) implements Expr { }

    /** A symbol such as {@code SOCK_STREAM}, {@code ECONNRESET}, {@code MSG_PEEK}. */
    record Sym(String name) implements Expr { }

    /** {@code O_RDWR | O_NONBLOCK}: the operands in order (at least two). */
    record Or(List<Expr> operands) implements Expr {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    /** {@code [65536]}, {@code [ECONNRESET]}, {@code []}: a pointer to a value (or an array). */
    record ListExpr(List<Expr> items) implements Expr {
        public ListExpr {
            items = List.copyOf(items);
        }
    }

    /** A double-quoted string, without the quotes (escapes kept as written). */
    record Str(String text) implements Expr { }

    /** {@code {onoff=1, linger=0}}: a struct (not in the suite today; accepted for completeness). */
    record Struct(List<Field> fields) implements Expr {
        public Struct {
            fields = List.copyOf(fields);
        }
    }

    /** One {@code name=value} of a {@link Struct}. */
    record Field(String name, Expr value) { }
}
