package dev.scn.drill.script;

import java.util.List;

/**
 * A system call line, e.g. {@code +0.00 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)}.
 *
 * @param line       1-based line
 * @param column     1-based column
 * @param timing     when
 * @param name       the call: socket, bind, listen, accept, connect, read, write, recv, send,
 *                   shutdown, close, fcntl, getsockopt, setsockopt
 * @param args       the arguments in order
 * @param result     the expression after {@code =} (a {@link Expr.Num} in the suite, -1 on error)
 * @param errno      the symbol after the result ({@code EINPROGRESS}), or null
 * @param errnoNote  the text in parentheses after the errno, without the parentheses
 *                   ({@code Operation now in progress}), or null
 * @param resultNote the text in parentheses after a result that has no errno, without the
 *                   parentheses ({@code flags O_RDWR} in {@code = 0x02 (flags O_RDWR)}), or null
 * @param endUs      a blocking call's return time, the {@code 6.00} of
 *                   {@code 1.00...6.00 connect(...)}, in microseconds; null for a call that must
 *                   return at once. With a RELATIVE timing it counts from the same base as the
 *                   start (packetdrill run.c adjusts both by the same offset)
 */
public record SyscallStep(int line, int column, Timing timing, String name, List<Expr> args,
                          Expr result, String errno, String errnoNote, String resultNote, Long endUs)
        implements Step {

    public SyscallStep {
        args = List.copyOf(args);
    }
}
