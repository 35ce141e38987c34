package dev.scn.drill;

import dev.scn.drill.script.Expr;
import dev.scn.drill.script.SyscallStep;
import dev.scn.engine.net.Packet;
import dev.scn.engine.tcp.BsdSockets;
import dev.scn.engine.tcp.Errno;
import dev.scn.engine.tcp.SockOpt;
import dev.scn.engine.tcp.SysResult;
import dev.scn.engine.tcp.TcpInfo;

import java.util.List;
import java.util.Locale;

/**
 * The script's system calls, made on the simulated host's socket layer ({@link BsdSockets}) and
 * checked as packetdrill checks them: the return value, errno, and the values an option call
 * fills in ({@code getsockopt(3, SOL_SOCKET, SO_ERROR, [ECONNRESET], [4]) = 0}). Addresses are
 * packetdrill's: {@code bind} takes the script port on the host's address, {@code connect} goes
 * to the script peer's.
 */
final class Syscalls {
    private final DrillHost host;
    private final SeqSpace seqs;
    private final BsdSockets sockets;
    /** packetdrill's "socket under test": the last socket made by socket() or accept(). */
    private int underTest = -1;
    private Integer lastTsVal;

    Syscalls(DrillHost host, SeqSpace seqs) {
        this.host = host;
        this.seqs = seqs;
        this.sockets = host.machine().sockets();
    }

    /** @return null when the call returned what the script says, else packetdrill's complaint */
    String run(SyscallStep call, long tolerance) {
        SysResult result = invoke(call);
        long deadline = host.now() + tolerance;
        while (result.blocked() && host.now() < deadline) {
            // A blocking call sleeps in the kernel: let the host run, then retry it.
            host.advanceTo(Math.min(deadline, host.now() + 1_000));
            result = invoke(call);
        }
        if (result.blocked()) {
            return "runtime error in " + call.name() + " call: it blocked and did not return within the tolerance";
        }
        return ResultCheck.compare(call, result);
    }

    /** A call of a time-range line that is still asleep, and the range's end (packetdrill's blocking-call thread). */
    private SyscallStep sleeping;
    private long sleepEndUs;

    /**
     * A line with a time range ({@code 1.00...6.00 connect(...) = -1 ETIMEDOUT}): packetdrill
     * makes the call at the range's start in its own thread and goes on with the script; the
     * call must return at the range's end, within the tolerance. A call that returns at once is
     * checked at once. @return null, or packetdrill's complaint
     */
    String start(SyscallStep call, long endUs) {
        SysResult result = invoke(call);
        if (!result.blocked()) {
            return ResultCheck.compare(call, result);
        }
        sleeping = call;
        sleepEndUs = endUs;
        return null;
    }

    /**
     * Lets the host run up to {@code until} (at most to the sleeping call's end plus the
     * tolerance), retrying the sleeping call as the kernel would wake it. @return null while it
     * sleeps within its range or returned on time, else packetdrill's complaint
     */
    String wake(long until, long tolerance) {
        if (sleeping == null) {
            return null;
        }
        long limit = Math.min(until, sleepEndUs + tolerance);
        while (host.now() < limit) {
            host.advanceTo(Math.min(limit, host.now() + 1_000));
            SysResult result = invoke(sleeping);
            if (!result.blocked()) {
                SyscallStep call = sleeping;
                sleeping = null;
                if (host.now() < sleepEndUs - tolerance) {
                    return "timing error: " + call.name() + " returned at " + DrillRunner.seconds(host.now())
                            + " sec, expected at " + DrillRunner.seconds(sleepEndUs) + " sec";
                }
                return ResultCheck.compare(call, result);
            }
        }
        if (until > sleepEndUs + tolerance) {
            String name = sleeping.name();
            sleeping = null;
            return "runtime error in " + name + " call: it blocked and did not return within the tolerance";
        }
        return null;
    }

    /** The line of the call still asleep, or 0. */
    int sleepingLine() {
        return sleeping == null ? 0 : sleeping.line();
    }

    private SysResult invoke(SyscallStep call) {
        List<Expr> a = call.args();
        SysResult[] out = new SysResult[1];
        host.call(() -> out[0] = dispatch(call.name(), a, call));
        SysResult r = out[0];
        if (!r.isError() && !r.blocked() && (call.name().equals("socket") || call.name().equals("accept"))) {
            underTest = (int) r.value();
        }
        return r;
    }

    private SysResult dispatch(String name, List<Expr> a, SyscallStep call) {
        return switch (name) {
            case "socket" -> sockets.socket();
            case "bind" -> sockets.bind(fd(a), DrillHost.LOCAL_ADDRESS, DrillHost.SCRIPT_PORT);
            case "listen" -> sockets.listen(fd(a), (int) Args.number(a.get(1)));
            case "accept" -> sockets.accept(fd(a));
            case "connect" -> {
                seqs.hostConnects();
                yield sockets.connect(fd(a), DrillHost.REMOTE_ADDRESS, DrillHost.SCRIPT_PORT);
            }
            case "recv" -> sockets.recv(fd(a), Args.number(a.get(2)), (Args.flags(a.get(3)) & SockOpt.MSG_PEEK) != 0);
            case "read" -> sockets.recv(fd(a), Args.number(a.get(2)), false);
            case "send" -> sockets.send(fd(a), Args.number(a.get(2)));
            case "write" -> sockets.send(fd(a), Args.number(a.get(2)));
            case "shutdown" -> sockets.shutdown(fd(a), (int) Args.flags(a.get(1)));
            case "close" -> sockets.close(fd(a));
            case "fcntl" -> fcntl(a);
            case "getsockopt" -> getsockopt(a, call);
            case "setsockopt" -> sockets.setsockopt(fd(a), (int) Args.flags(a.get(1)), (int) Args.flags(a.get(2)),
                    Args.flags(Args.listItem(a.get(3))));
            default -> throw new UnsupportedFeature("system call " + name + "()");
        };
    }

    private SysResult fcntl(List<Expr> a) {
        String cmd = Args.symbol(a.get(1));
        return switch (cmd) {
            case "F_GETFL" -> sockets.fcntlGetFl(fd(a));
            case "F_SETFL" -> sockets.fcntlSetFl(fd(a), (int) Args.flags(a.get(2)));
            default -> throw new UnsupportedFeature("fcntl " + cmd);
        };
    }

    /** The value getsockopt fills in must equal the script's {@code [value]}. */
    private SysResult getsockopt(List<Expr> a, SyscallStep call) {
        SysResult r = sockets.getsockopt(fd(a), (int) Args.flags(a.get(1)), (int) Args.flags(a.get(2)));
        if (r.isError() || r.blocked()) {
            return r;
        }
        Expr wanted = a.get(3);
        if (!(wanted instanceof Expr.Ellipsis)) {
            long expected = Args.flags(Args.listItem(wanted));
            if (expected != r.value()) {
                throw new DrillFailure(call.line(), String.format(Locale.ROOT,
                        "runtime error in getsockopt call: Bad getsockopt optval: expected: %d actual: %d", expected, r.value()));
            }
        }
        return SysResult.ok(0);
    }

    private static int fd(List<Expr> a) {
        return (int) Args.number(a.get(0));
    }

    /** The states of the sockets the script holds open, for sockstat's {@code grep packetdril}. */
    List<String> openSocketStates() {
        return sockets.openSockets().stream().map(s -> s.state().netstatName()).toList();
    }

    TcpInfoAssertions.Info socketUnderTestInfo() {
        TcpInfo info = underTest < 0 ? null : sockets.tcpInfo(underTest);
        return info == null ? null
                : new TcpInfoAssertions.Info(dev.scn.engine.tcp.TcpState.values()[info.state()].name(), info.options());
    }

    void sawOutbound(Packet p) {
        if (p.options().hasTimestamp()) {
            lastTsVal = p.options().tsVal();
        }
    }

    Integer lastTsVal() {
        return lastTsVal;
    }

    /** Compares a call's outcome with the script's {@code = value} or {@code = -1 ERRNO}. */
    private static final class ResultCheck {
        static String compare(SyscallStep call, SysResult result) {
            long expected = Args.number(call.result());
            if (call.errno() != null) {
                Errno wanted = Errno.byName(call.errno());
                if (result.errno() == null) {
                    return String.format(Locale.ROOT, "runtime error in %s call: Expected result %d but got %d",
                            call.name(), expected, result.value());
                }
                if (wanted == null || wanted.number() != result.errno().number()) {
                    return String.format(Locale.ROOT, "runtime error in %s call: Expected errno %s but got %d (%s)",
                            call.name(), call.errno(), result.errno().number(), result.errno().strerror());
                }
                return null;
            }
            if (result.errno() != null) {
                return String.format(Locale.ROOT, "runtime error in %s call: Expected result %d but got -1 with errno %d (%s)",
                        call.name(), expected, result.errno().number(), result.errno().strerror());
            }
            return result.value() == expected ? null : String.format(Locale.ROOT,
                    "runtime error in %s call: Expected result %d but got %d", call.name(), expected, result.value());
        }
    }
}
