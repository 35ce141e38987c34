package dev.scn.drill;

import dev.scn.drill.script.CodeStep;
import dev.scn.drill.script.Direction;
import dev.scn.drill.script.DrillScript;
import dev.scn.drill.script.PacketStep;
import dev.scn.drill.script.ShellStep;
import dev.scn.drill.script.Step;
import dev.scn.drill.script.SyscallStep;
import dev.scn.drill.script.Timing;
import dev.scn.engine.os.Profile;

import java.util.Locale;

/**
 * Runs one packetdrill script against a simulated FreeBSD host, as packetdrill runs it against a
 * real kernel: each line happens at its script time; {@code <} segments are injected, {@code >}
 * lines take the host's next segment and compare it, syscalls and shell commands act on the host.
 * A relative time counts from the previous line's time, which for a {@code >} line is when the
 * segment really left (packetdrill shifts later relative events by the same amount). The first
 * line that does not hold ends the script.
 */
public final class DrillRunner {
    /** packetdrill's --tolerance_usecs default. */
    static final long DEFAULT_TOLERANCE_US = 4_000;
    /** A {@code *} line waits at most this long for its segment. */
    private static final long ANY_TIME_LIMIT_US = 3_600_000_000L;

    private final Profile profile;

    public DrillRunner(Profile profile) {
        this.profile = profile;
    }

    public DrillVerdict run(DrillScript script) {
        try {
            new Run(script).steps();
            return DrillVerdict.pass(script.file());
        } catch (DrillFailure failure) {
            return DrillVerdict.fail(script.file(), failure.line(), failure.getMessage());
        } catch (RuntimeException bug) {
            // One script hitting a bug in scn must not hide the verdicts of the others.
            return DrillVerdict.fail(script.file(), 0, "scn internal error: " + bug);
        }
    }

    /** The state of one script's run. */
    private final class Run {
        private final DrillScript script;
        private final DrillHost host = new DrillHost(profile);
        private final SeqSpace seqs = new SeqSpace();
        private final Syscalls syscalls;
        private final ShellEscapes shell;
        private final long tolerance;
        private final boolean syscallsNonFatal;
        private long last;

        Run(DrillScript script) {
            this.script = script;
            this.syscalls = new Syscalls(host, seqs);
            this.shell = new ShellEscapes(host.machine(), syscalls::openSocketStates);
            String tol = script.option("tolerance_usecs");
            this.tolerance = tol == null ? DEFAULT_TOLERANCE_US : Long.parseLong(tol);
            this.syscallsNonFatal = "syscall".equals(script.option("non_fatal"));
        }

        void steps() {
            ScriptSetup.check(script);
            host.machine().host().externalInterface().setMtu(ScriptSetup.mtu(script));
            if (script.initCommand() != null) {
                command(script.initCommand());
            }
            for (Step step : script.steps()) {
                try {
                    step(step);
                } catch (UnsupportedFeature e) {
                    throw new DrillFailure(step.line(), e.getMessage());
                }
            }
            wake(Long.MAX_VALUE);
            if (script.cleanupCommand() != null) {
                command(script.cleanupCommand());
            }
        }

        /** A call asleep from a time-range line must return before the next syscall-side line. */
        private void wake(long until) {
            int line = syscalls.sleepingLine();
            String error = syscalls.wake(until, tolerance);
            if (error != null && !syscallsNonFatal) {
                throw new DrillFailure(line, error);
            }
        }

        private void command(ShellStep s) {
            String error = shell.run(s.command());
            if (error != null) {
                throw new DrillFailure(s.line(), "error executing `" + s.command().strip() + "` command: " + error);
            }
        }

        private void step(Step step) {
            long at = start(step.timing());
            if (step instanceof PacketStep p) {
                if (p.dir() == Direction.INBOUND) {
                    host.inject(at, InboundPackets.build(p, seqs, syscalls.lastTsVal()));
                    last = at;
                } else {
                    last = expectOutbound(p, at, end(step.timing(), at));
                }
                return;
            }
            wake(at);
            host.advanceTo(at);
            if (step instanceof SyscallStep s) {
                String error = s.endUs() != null
                        ? syscalls.start(s, (step.timing().relative() ? last : 0) + s.endUs())
                        : syscalls.run(s, tolerance);
                if (error != null && !syscallsNonFatal) {
                    throw new DrillFailure(s.line(), error);
                }
            } else if (step instanceof ShellStep s) {
                command(s);
            } else if (step instanceof CodeStep c) {
                String error = TcpInfoAssertions.check(c.code(), syscalls.socketUnderTestInfo());
                if (error != null) {
                    throw new DrillFailure(c.line(), error);
                }
            }
            last = at;
        }

        private long expectOutbound(PacketStep p, long earliest, long latest) {
            boolean anyTime = p.timing().kind() == Timing.Kind.ANY;
            long deadline = anyTime ? earliest + ANY_TIME_LIMIT_US : latest + tolerance;
            DrillHost.Captured live = host.nextOutbound(deadline);
            if (live == null) {
                throw new DrillFailure(p.line(), String.format(Locale.ROOT,
                        "error handling packet: timed out waiting for packet expected at %s sec", seconds(latest)));
            }
            seqs.learnFrom(live.packet().seq(), live.packet().has(dev.scn.engine.net.TcpFlags.SYN),
                    live.packet().sourcePort(), live.packet().destinationPort());
            syscalls.sawOutbound(live.packet());
            String mismatch = PacketMatcher.mismatch(p, live.packet(), seqs);
            if (mismatch != null) {
                throw new DrillFailure(p.line(), "error handling packet: " + mismatch);
            }
            if (!anyTime && (live.time() < earliest - tolerance || live.time() > latest + tolerance)) {
                throw new DrillFailure(p.line(), String.format(Locale.ROOT,
                        "error handling packet: timing error: expected outbound packet at %s sec but happened at %s sec; tolerance %s sec",
                        seconds(earliest), seconds(live.time()), seconds(tolerance)));
            }
            return live.time();
        }

        private long start(Timing timing) {
            return switch (timing.kind()) {
                case ABSOLUTE -> timing.startUs();
                case RELATIVE -> last + timing.startUs();
                case RANGE -> (timing.relative() ? last : 0) + timing.startUs();
                case ANY, NONE -> Math.max(last, host.now());
            };
        }

        private long end(Timing timing, long start) {
            return timing.kind() == Timing.Kind.RANGE ? (timing.relative() ? last : 0) + timing.endUs() : start;
        }
    }

    static String seconds(long micros) {
        return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, Math.abs(micros % 1_000_000));
    }
}
