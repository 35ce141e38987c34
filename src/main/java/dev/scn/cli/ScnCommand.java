package dev.scn.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scn}: the top-level command; work happens in the subcommands. */
@Command(name = "scn", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Reproduce TCP/firewall incidents on a deterministic simulation of FreeBSD.",
                "在确定性的 FreeBSD 仿真上重现 TCP/防火墙故障."},
        subcommands = {CheckCommand.class, RunCommand.class, ExplainCommand.class, ReportCommand.class, DrillCommand.class,
                BenchCommand.class,
                AutoComplete.GenerateCompletion.class},
        footer = {"", "Examples:", "  scn check scenarios/*.scn",
                "  scn run scenarios/finwait2-ipfw-keepalive.scn --json result.json",
                "  scn explain scenarios/finwait2-ipfw-keepalive.scn --conn c1 --host server --at 1d",
                "  scn report scenarios -o reports",
                "  source <(scn generate-completion)", ExitCodes.HELP})
final class ScnCommand implements Runnable {
    @Option(names = "--debug", description = "Show a Java stack trace when scn itself fails.", scope =
            picocli.CommandLine.ScopeType.INHERIT)
    boolean debug;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
