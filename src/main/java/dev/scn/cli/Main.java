package dev.scn.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Entry point: builds the command line, maps failures to exit codes, never shows a stack trace unless --debug. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        Interruption interruption = new Interruption();
        PrintWriter err = new PrintWriter(interruption.watch(
                new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8)), true);
        interruption.install(out, err);
        int code = ExitCodes.BAD_INPUT;
        try {
            code = run(args, out, err, interruption);
        } catch (OutOfMemoryError e) {
            err.println("scn: out of memory; give Java more with java -Xmx… or make the scenario smaller");
        } catch (Throwable e) {
            // An Error escaping picocli's handler: still no stack trace without --debug, and never "interrupted".
            err.println("scn: internal error: " + e);
            if (java.util.Arrays.asList(args).contains("--debug")) {
                e.printStackTrace(err);
            } else {
                err.println("(run again with --debug to see where; please report it)");
            }
        } finally {
            out.flush();
            err.flush();
        }
        System.exit(interruption.finished(code));
    }

    /** Runs scn with the given arguments and writers; returns the exit code. Tests call this. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, null);
    }

    private static int run(String[] args, PrintWriter out, PrintWriter err, Interruption interruption) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        CommandLine cli = new CommandLine(new ScnCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.registerConverter(Path.class, Main::path);
        cli.setExitCodeExceptionMapper(e -> ExitCodes.BAD_INPUT);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("scn: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (interruption != null && interruption.signalled()) {
                // Ctrl-C while the command was starting (a shutdown hook could not be added): not scn's fault.
                err.println("scn: interrupted; nothing was written");
                if (debug) {
                    ex.printStackTrace(err);
                }
                return ExitCodes.BAD_INPUT;
            }
            err.println("scn: internal error: " + ex);
            if (debug) {
                ex.printStackTrace(err);
            } else {
                err.println("(run again with --debug to see where; please report it)");
            }
            return ExitCodes.BAD_INPUT;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** A path argument; a name this locale cannot express is a bad argument (exit 2), said in words. */
    private static Path path(String argument) {
        Path path = SafeFiles.path(argument);
        if (path == null) {
            throw new CommandLine.TypeConversionException(SafeFiles.unrepresentable(argument));
        }
        return path;
    }

    /**
     * Ctrl-C (SIGINT) and SIGTERM. The JVM answers them by running shutdown hooks: a command's own
     * hook asks its run to stop after the current event, and this one waits (a bounded time) for
     * the command to return, makes sure "interrupted" was said, and ends the process with exit
     * code 2 as documented (the JVM's own would be 130 or 143, and {@code System.exit} cannot be
     * called once shutdown has begun).
     */
    static final class Interruption {
        /** How long a command may take to notice: a run stops after its current event, so this is ample. */
        private static final long GRACE_MILLIS = 2_000;
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile boolean finished;
        private volatile boolean signalled;
        private volatile boolean said;

        /** Notes whether the command printed "interrupted" on stderr, so the message is printed exactly once. */
        Writer watch(Writer err) {
            return new Writer() {
                @Override
                public void write(char[] buf, int off, int len) throws IOException {
                    if (signalled && new String(buf, off, len).contains("interrupted")) {
                        said = true;
                    }
                    err.write(buf, off, len);
                }

                @Override
                public void flush() throws IOException {
                    err.flush();
                }

                @Override
                public void close() throws IOException {
                    err.close();
                }
            };
        }

        void install(PrintWriter out, PrintWriter err) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (finished) {
                    return; // an ordinary System.exit
                }
                signalled = true;
                try {
                    done.await(GRACE_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (!said) {
                    err.println("scn: interrupted; files already written are whole, nothing was left half-written");
                }
                out.flush();
                err.flush();
                Runtime.getRuntime().halt(ExitCodes.BAD_INPUT);
            }, "scn-signal"));
        }

        boolean signalled() {
            return signalled;
        }

        /** The command returned {@code code}; returns the exit code to use. */
        int finished(int code) {
            finished = !signalled;
            done.countDown();
            return signalled ? ExitCodes.BAD_INPUT : code;
        }
    }
}
