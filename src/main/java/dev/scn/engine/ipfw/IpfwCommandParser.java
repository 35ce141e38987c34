package dev.scn.engine.ipfw;

import dev.scn.engine.flow.Ipv4;
import dev.scn.engine.flow.Protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the ipfw(8) command-line subset of the language (language.md, "Hosts"), one method per
 * part of the grammar in sbin/ipfw/ipfw2.c: global flags (getopt letters), then the command,
 * and for {@code add}: [NUM] ACTION [log] PROTO from ADDR [PORTS] to ADDR [PORTS] [OPTIONS].
 */
final class IpfwCommandParser {
    private static final String SUPPORTED_COMMANDS =
            "supported: add, delete, flush, zero, enable, disable, list, show";
    private static final String SUPPORTED_ACTIONS =
            "supported actions: allow, accept, pass, permit, deny, drop, reset, count, check-state, skipto NUM";
    private static final String SUPPORTED_OPTIONS = "supported options: setup, established, keep-state, limit MASK N, in, out, "
            + "via IF, recv IF, xmit IF, tcpflags LIST";

    private final List<String> words;
    private int pos;
    private boolean quiet;
    private boolean dynamic;
    private boolean expired;
    private boolean accounting;

    IpfwCommandParser(List<String> words) {
        this.words = words;
    }

    IpfwCommand command() {
        flags();
        if (pos >= words.size()) {
            throw error(pos, "missing command; " + SUPPORTED_COMMANDS);
        }
        int at = pos;
        String word = next();
        IpfwCommand command = switch (word) {
            case "add" -> add();
            case "delete" -> new IpfwCommand.Delete(quiet, numbers(true));
            case "flush" -> new IpfwCommand.Flush(quiet);
            case "zero" -> new IpfwCommand.Zero(quiet, numbers(false));
            case "enable", "disable" -> sysctl(word.equals("enable"));
            case "list", "print" -> new IpfwCommand.ListRules(accounting, dynamic, expired, numbers(false));
            case "show" -> new IpfwCommand.ListRules(true, dynamic, expired, numbers(false));
            default -> throw error(at, "unknown command '" + word + "'; " + SUPPORTED_COMMANDS);
        };
        if (pos < words.size()) {
            throw error(pos, "unexpected '" + words.get(pos) + "' after the command");
        }
        return command;
    }

    /** getopt letters before the command: -a -d -e -f -q (also combined, as in -de). */
    private void flags() {
        while (pos < words.size() && words.get(pos).startsWith("-") && words.get(pos).length() > 1) {
            String w = words.get(pos);
            for (int i = 1; i < w.length(); i++) {
                switch (w.charAt(i)) {
                    case 'q' -> quiet = true;
                    case 'd' -> dynamic = true;
                    case 'e' -> expired = true;
                    case 'a' -> accounting = true;
                    case 'f' -> { } // force: no confirmation question in a scenario
                    default -> throw error(pos, "unsupported flag '-" + w.charAt(i)
                            + "'; supported flags: -a -d -e -f -q");
                }
            }
            pos++;
        }
    }

    private IpfwCommand sysctl(boolean enable) {
        if (pos >= words.size()) {
            throw error(pos, "missing keyword; supported: firewall, verbose, one_pass, dyn_keepalive");
        }
        int at = pos;
        String name = switch (next()) {
            case "firewall" -> "net.inet.ip.fw.enable";
            case "verbose" -> "net.inet.ip.fw.verbose";
            case "one_pass" -> "net.inet.ip.fw.one_pass";
            case "dyn_keepalive" -> "net.inet.ip.fw.dyn_keepalive";
            default -> throw error(at, "unsupported keyword '" + words.get(at)
                    + "'; supported: firewall, verbose, one_pass, dyn_keepalive");
        };
        return new IpfwCommand.SetSysctl(name, enable ? 1 : 0);
    }

    private List<Integer> numbers(boolean required) {
        List<Integer> out = new ArrayList<>();
        while (pos < words.size()) {
            out.add(ruleNumber(pos, words.get(pos), true));
            pos++;
        }
        if (required && out.isEmpty()) {
            throw error(pos, "missing rule number");
        }
        return out;
    }

    private int ruleNumber(int at, String word, boolean allowDefault) {
        if (!word.chars().allMatch(Character::isDigit) || word.isEmpty() || word.length() > 5) {
            throw error(at, "'" + word + "' is not a rule number (1-65535)");
        }
        int n = Integer.parseInt(word);
        if (n < 1 || n > 65535 || (!allowDefault && n == 65535)) {
            throw error(at, "rule number " + n + " out of range; use 1-65534 (65535 is the default rule)");
        }
        return n;
    }

    // ------------------------------------------------------------------ add

    private IpfwCommand add() {
        int number = 0;
        if (pos < words.size() && !words.get(pos).isEmpty() && Character.isDigit(words.get(pos).charAt(0))) {
            number = ruleNumber(pos, words.get(pos), false);
            pos++;
        }
        IpfwAction action = action();
        boolean log = false;
        if (peek("log")) {
            log = true;
            pos++;
            if (peek("logamount")) {
                throw error(pos, "'logamount' is not supported; use 'log' and net.inet.ip.fw.verbose_limit");
            }
        }
        if (action.kind() == IpfwAction.Kind.CHECK_STATE && pos >= words.size()) {
            return new IpfwCommand.Add(quiet, number, new IpfwRule.RuleSpec(action, log, null, AddressSpec.ANY, null,
                    AddressSpec.ANY, null, List.of(), false, true));
        }
        Protocol protocol = protocol();
        expect("from");
        AddressSpec source = address();
        PortSpec sourcePorts = ports();
        expect("to");
        AddressSpec destination = address();
        PortSpec destinationPorts = ports();
        List<RuleOption> options = new ArrayList<>();
        boolean keepState = false;
        while (pos < words.size()) {
            int at = pos;
            String w = next();
            switch (w) {
                case "setup" -> options.add(new RuleOption.Setup());
                case "established" -> options.add(new RuleOption.Established());
                case "in" -> options.add(new RuleOption.Way(true));
                case "out" -> options.add(new RuleOption.Way(false));
                case "via", "recv", "xmit" -> options.add(new RuleOption.Iface(w, interfaceName(w)));
                case "tcpflags", "tcpflag" -> options.add(tcpFlags());
                case "keep-state" -> {
                    if (keepState || options.stream().anyMatch(o -> o instanceof RuleOption.Limit)) {
                        throw error(at, "only one of keep-state and limit per rule");
                    }
                    keepState = true;
                }
                case "limit" -> {
                    if (keepState || options.stream().anyMatch(o -> o instanceof RuleOption.Limit)) {
                        throw error(at, "only one of keep-state and limit per rule");
                    }
                    options.add(limit(at));
                }
                default -> throw error(at, "unsupported option '" + w + "'; " + SUPPORTED_OPTIONS);
            }
        }
        if (action.kind() == IpfwAction.Kind.CHECK_STATE
                && (keepState || options.stream().anyMatch(o -> o instanceof RuleOption.Limit))) {
            throw error(pos - 1, "check-state and keep-state cannot be combined");
        }
        return new IpfwCommand.Add(quiet, number, new IpfwRule.RuleSpec(action, log, protocol, source, sourcePorts,
                destination, destinationPorts, List.copyOf(options), keepState, false));
    }

    /** ipfw2.c add(), TOK_LIMIT: one or more masks, then the number of sessions (at least 1). */
    private RuleOption.Limit limit(int at) {
        int mask = 0;
        while (pos < words.size()) {
            int bit = switch (words.get(pos)) {
                case "src-addr" -> RuleOption.Limit.SRC_ADDR;
                case "src-port" -> RuleOption.Limit.SRC_PORT;
                case "dst-addr" -> RuleOption.Limit.DST_ADDR;
                case "dst-port" -> RuleOption.Limit.DST_PORT;
                default -> 0;
            };
            if (bit == 0) {
                break;
            }
            mask |= bit;
            pos++;
        }
        if (mask == 0) {
            throw error(pos, "limit: missing limit mask; use src-addr, src-port, dst-addr or dst-port");
        }
        if (pos >= words.size() || !words.get(pos).matches("\\d{1,9}") || Integer.parseInt(words.get(pos)) < 1) {
            throw error(pos, "limit: expected the number of sessions after the mask");
        }
        return new RuleOption.Limit(mask, Integer.parseInt(words.get(pos++)));
    }

    private IpfwAction action() {
        if (pos >= words.size()) {
            throw error(pos, "missing action; " + SUPPORTED_ACTIONS);
        }
        int at = pos;
        String w = next();
        return switch (w) {
            case "allow", "accept", "pass", "permit" -> IpfwAction.of(IpfwAction.Kind.ALLOW);
            case "deny", "drop" -> IpfwAction.of(IpfwAction.Kind.DENY);
            case "reset" -> IpfwAction.of(IpfwAction.Kind.RESET);
            case "count" -> IpfwAction.of(IpfwAction.Kind.COUNT);
            case "check-state" -> IpfwAction.of(IpfwAction.Kind.CHECK_STATE);
            case "skipto" -> {
                if (pos >= words.size()) {
                    throw error(pos, "skipto needs a rule number");
                }
                int target = ruleNumber(pos, words.get(pos), true);
                pos++;
                yield new IpfwAction(IpfwAction.Kind.SKIPTO, target);
            }
            default -> throw error(at, "unsupported action '" + w + "'; " + SUPPORTED_ACTIONS);
        };
    }

    private Protocol protocol() {
        if (pos >= words.size()) {
            throw error(pos, "missing protocol; supported: ip, all, tcp, udp, icmp");
        }
        int at = pos;
        return switch (next()) {
            case "ip", "all" -> null;
            case "tcp" -> Protocol.TCP;
            case "udp" -> Protocol.UDP;
            case "icmp" -> Protocol.ICMP;
            default -> throw error(at, "unsupported protocol '" + words.get(at)
                    + "'; supported: ip, all, tcp, udp, icmp");
        };
    }

    /** any | me | ADDR | ADDR/LEN | {a,b,c/24} | a,b,c/24, optionally preceded by {@code not}. */
    private AddressSpec address() {
        boolean negated = false;
        if (peek("not")) {
            negated = true;
            pos++;
        }
        if (pos >= words.size()) {
            throw error(pos, "missing address; supported: any, me, ADDR, ADDR/LEN, {ADDR,ADDR/LEN,...}");
        }
        int at = pos;
        String w = next();
        if (w.equals("any")) {
            if (negated) {
                throw error(at, "'not any' matches nothing; not supported");
            }
            return AddressSpec.ANY;
        }
        if (w.equals("me")) {
            return new AddressSpec(AddressSpec.Kind.ME, List.of(), negated);
        }
        String body = w;
        if (body.startsWith("{") && body.endsWith("}") && body.length() > 2) {
            body = body.substring(1, body.length() - 1);
        }
        List<int[]> networks = new ArrayList<>();
        for (String part : body.split(",", -1)) {
            networks.add(network(at, part));
        }
        return new AddressSpec(AddressSpec.Kind.LIST, List.copyOf(networks), negated);
    }

    private int[] network(int at, String text) {
        String[] split = text.split("/", -1);
        try {
            int address = Ipv4.parse(split[0]);
            int len = 32;
            if (split.length == 2 && !split[1].isEmpty() && split[1].chars().allMatch(Character::isDigit)
                    && split[1].length() <= 2) {
                len = Integer.parseInt(split[1]);
            } else if (split.length != 1) {
                throw new IllegalArgumentException("bad prefix length");
            }
            if (len > 32) {
                throw new IllegalArgumentException("bad prefix length");
            }
            return new int[] {address, len};
        } catch (IllegalArgumentException e) {
            throw error(at, "'" + text + "' is not an address; supported: any, me, ADDR, ADDR/LEN, {ADDR,ADDR/LEN,...}");
        }
    }

    /** Ports after an address: a word starting with a digit: 80, 1024-65535, 25,80,110. */
    private PortSpec ports() {
        if (pos >= words.size() || words.get(pos).isEmpty() || !Character.isDigit(words.get(pos).charAt(0))) {
            return null;
        }
        int at = pos;
        String w = next();
        List<int[]> ranges = new ArrayList<>();
        for (String part : w.split(",", -1)) {
            String[] ends = part.split("-", -1);
            if (ends.length > 2) {
                throw error(at, "'" + part + "' is not a port or range a-b");
            }
            int low = port(at, ends[0]);
            int high = ends.length == 2 ? port(at, ends[1]) : low;
            if (high < low) {
                throw error(at, "port range " + part + " is backwards");
            }
            ranges.add(new int[] {low, high});
        }
        return new PortSpec(List.copyOf(ranges));
    }

    private int port(int at, String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)
                || Integer.parseInt(text) > 65535) {
            throw error(at, "'" + text + "' is not a port number (0-65535); service names are not supported");
        }
        return Integer.parseInt(text);
    }

    private String interfaceName(String keyword) {
        if (pos >= words.size()) {
            throw error(pos, "'" + keyword + "' needs an interface name, e.g. em0");
        }
        return next();
    }

    /** tcpflags syn,!ack,...: names of ipfw2.c f_tcpflags. */
    private RuleOption tcpFlags() {
        if (pos >= words.size()) {
            throw error(pos, "tcpflags needs a list such as syn,!ack");
        }
        int at = pos;
        int set = 0;
        int clear = 0;
        for (String part : next().split(",", -1)) {
            boolean not = part.startsWith("!");
            int bit = RuleText.flagBit(not ? part.substring(1) : part);
            if (bit == 0) {
                throw error(at, "unknown tcp flag '" + part + "'; supported: syn fin ack psh rst urg, with ! to negate");
            }
            if (not) {
                clear |= bit;
            } else {
                set |= bit;
            }
        }
        return new RuleOption.TcpFlagsOption(set, clear);
    }

    private boolean peek(String word) {
        return pos < words.size() && words.get(pos).equals(word);
    }

    private void expect(String word) {
        if (!peek(word)) {
            throw error(pos, pos < words.size()
                    ? "expected '" + word + "' but found '" + words.get(pos) + "'"
                    : "expected '" + word + "'");
        }
        pos++;
    }

    private String next() {
        return words.get(pos++);
    }

    private static IpfwSyntaxException error(int at, String message) {
        return new IpfwSyntaxException(at, message);
    }
}
