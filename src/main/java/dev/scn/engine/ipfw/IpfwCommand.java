package dev.scn.engine.ipfw;

import java.util.Arrays;
import java.util.List;

/** One parsed {@code ipfw} command line: the words after {@code ipfw}, as data. */
public sealed interface IpfwCommand {

    /** Parses a command line as an operator types it; words are separated by blanks. */
    static IpfwCommand parse(String line) {
        String trimmed = line.trim();
        return parse(trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+")));
    }

    /** Parses the word list; errors carry the index of the offending word. */
    static IpfwCommand parse(List<String> words) {
        return new IpfwCommandParser(words).command();
    }

    /** {@code add [NUM] ...}; number 0 means "pick the next one" (autoinc_step). */
    record Add(boolean quiet, int number, IpfwRule.RuleSpec spec) implements IpfwCommand {
    }

    /** {@code delete NUM...}. */
    record Delete(boolean quiet, List<Integer> numbers) implements IpfwCommand {
    }

    /** {@code [-f] flush}: every rule but 65535. */
    record Flush(boolean quiet) implements IpfwCommand {
    }

    /** {@code zero [NUM...]}. */
    record Zero(boolean quiet, List<Integer> numbers) implements IpfwCommand {
    }

    /** {@code enable|disable firewall|verbose|one_pass|dyn_keepalive}: sets the sysctl. */
    record SetSysctl(String name, long value) implements IpfwCommand {
    }

    /**
     * {@code list}, {@code show}, with {@code -a} (counters), {@code -d} (dynamic rules) and
     * {@code -e} (expired dynamic rules too).
     *
     * @param counters true for {@code show} or {@code -a list}
     * @param dynamic  {@code -d}
     * @param expired  {@code -e}
     * @param numbers  rule numbers asked for; empty = all
     */
    record ListRules(boolean counters, boolean dynamic, boolean expired, List<Integer> numbers)
            implements IpfwCommand {
    }
}
