package dev.scn.lang;

import dev.scn.lang.Literals.BadLiteral;
import dev.scn.lang.antlr.ScnParser;
import dev.scn.lang.antlr.ScnParserBaseVisitor;
import dev.scn.model.Action;
import dev.scn.model.Expectation;
import dev.scn.model.HostDecl;
import dev.scn.model.LinkDecl;
import dev.scn.model.PathRule;
import dev.scn.model.Scenario;
import dev.scn.model.Span;
import dev.scn.model.Texts;
import dev.scn.model.TimelineEntry;
import dev.scn.model.Timing;
import dev.scn.model.TrafficDecl;
import dev.scn.model.Variant;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parse tree of a syntactically correct file to the model. Values that parse but make no
 * sense (numbers too large, bad flag letters, unknown TCP states, relative times with nothing to
 * be relative to) become E02xx diagnostics on their token; the builder then goes on with a
 * neutral value so one run reports them all.
 */
final class ModelBuilder {
    /** TCP states as netstat prints them (netinet/tcp_fsm.h tcpstates[]). */
    private static final List<String> TCP_STATES = List.of("CLOSED", "LISTEN", "SYN_SENT", "SYN_RCVD",
            "ESTABLISHED", "CLOSE_WAIT", "FIN_WAIT_1", "CLOSING", "LAST_ACK", "FIN_WAIT_2", "TIME_WAIT");

    // netinet/tcp.h flag bits; the model stores them as the engine does.
    private static final int TH_FIN = 0x01;
    private static final int TH_SYN = 0x02;
    private static final int TH_RST = 0x04;
    private static final int TH_PUSH = 0x08;
    private static final int TH_ACK = 0x10;
    private static final int TH_URG = 0x20;
    private static final int TH_ECE = 0x40;
    private static final int TH_CWR = 0x80;

    private final String file;
    private final Diagnostics diagnostics;

    ModelBuilder(String file, Diagnostics diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    List<Scenario> build(ScnParser.FileContext tree) {
        List<Scenario> scenarios = new ArrayList<>();
        for (ScnParser.ScenarioContext s : tree.scenario()) {
            if (!scenarios.isEmpty()) {
                error(Codes.SECOND_SCENARIO, span(s.name), "a file holds one scenario; '" + s.name.getText()
                        + "' is a second one", "put it in a file of its own");
            }
            scenarios.add(scenario(s));
        }
        if (scenarios.isEmpty()) {
            error(Codes.NO_SCENARIO, new Span(file, 1, 1, 0), "the file holds no scenario",
                    "start with: scenario NAME {");
        }
        return scenarios;
    }

    // ---- scenario --------------------------------------------------------------------------

    private Scenario scenario(ScnParser.ScenarioContext ctx) {
        ScenarioParts parts = new ScenarioParts();
        Timeline timeline = new Timeline();
        for (ScnParser.ScenarioItemContext item : ctx.scenarioItem()) {
            if (Recovery.intact(item)) { // a line broken by a syntax error is left out
                new ScenarioItemVisitor(parts, timeline).visit(item);
            }
        }
        if (parts.runMicros < 0) {
            error(Codes.NO_RUN, span(ctx.name), "scenario '" + ctx.name.getText() + "' has no 'run' line",
                    "say how long the clock runs, e.g. run 2d");
        }
        return new Scenario(ctx.name.getText(), span(ctx.name), parts.title, parts.summary, parts.note, parts.seed,
                Math.max(0, parts.runMicros), List.copyOf(parts.hosts), List.copyOf(parts.links),
                List.copyOf(parts.pathRules), timeline.entries(), List.copyOf(parts.traffic),
                List.copyOf(parts.variants), parts.start.epochSeconds(parts.runMicros, diagnostics));
    }

    private static final class ScenarioParts {
        Texts title = Texts.EMPTY;
        Texts summary = Texts.EMPTY;
        Texts note = Texts.EMPTY;
        long seed;
        long runMicros = -1;
        StartLine start = StartLine.NONE;
        final List<HostDecl> hosts = new ArrayList<>();
        final List<LinkDecl> links = new ArrayList<>();
        final List<PathRule> pathRules = new ArrayList<>();
        final List<TrafficDecl> traffic = new ArrayList<>();
        final List<Variant> variants = new ArrayList<>();
    }

    private final class ScenarioItemVisitor extends ScnParserBaseVisitor<Void> {
        private final ScenarioParts parts;
        private final Timeline timeline;

        ScenarioItemVisitor(ScenarioParts parts, Timeline timeline) {
            this.parts = parts;
            this.timeline = timeline;
        }

        @Override
        public Void visitTitleItem(ScnParser.TitleItemContext ctx) {
            parts.title = texts(ctx.texts());
            return null;
        }

        @Override
        public Void visitSummaryItem(ScnParser.SummaryItemContext ctx) {
            parts.summary = texts(ctx.texts());
            return null;
        }

        @Override
        public Void visitNoteItem(ScnParser.NoteItemContext ctx) {
            parts.note = texts(ctx.texts());
            return null;
        }

        @Override
        public Void visitSeedItem(ScnParser.SeedItemContext ctx) {
            parts.seed = integer(ctx.INT().getSymbol(), 0);
            return null;
        }

        @Override
        public Void visitRunItem(ScnParser.RunItemContext ctx) {
            if (parts.runMicros >= 0) {
                error(Codes.DUPLICATE, span(ctx), "'run' is given twice", "keep one run line");
            }
            parts.runMicros = duration(ctx.duration());
            return null;
        }

        @Override
        public Void visitStartItem(ScnParser.StartItemContext ctx) {
            parts.start = parts.start.given(ctx, file, diagnostics);
            return null;
        }

        @Override
        public Void visitHostBlockItem(ScnParser.HostBlockItemContext ctx) {
            parts.hosts.add(host(ctx.hostBlock(), false));
            return null;
        }

        @Override
        public Void visitLinkItem(ScnParser.LinkItemContext ctx) {
            parts.links.add(link(ctx.linkDecl()));
            return null;
        }

        @Override
        public Void visitPathRuleItem(ScnParser.PathRuleItemContext ctx) {
            parts.pathRules.add(pathRule(ctx.pathRule()));
            return null;
        }

        @Override
        public Void visitTimelineItem(ScnParser.TimelineItemContext ctx) {
            timeline.add(ctx.timelineLine());
            return null;
        }

        @Override
        public Void visitTrafficItem(ScnParser.TrafficItemContext ctx) {
            parts.traffic.add(traffic(ctx.traffic()));
            return null;
        }

        @Override
        public Void visitVariantBlockItem(ScnParser.VariantBlockItemContext ctx) {
            parts.variants.add(variant(ctx.variant()));
            return null;
        }
    }

    private Texts texts(ScnParser.TextsContext ctx) {
        String en = null;
        String zh = null;
        for (ScnParser.LangTextContext lang : ctx.langText()) {
            if (lang instanceof ScnParser.EnTextContext e) {
                if (en != null) {
                    error(Codes.DUPLICATE, span(e.EN()), "the en text is given twice", null);
                }
                en = text(e.text());
            } else if (lang instanceof ScnParser.ZhTextContext z) {
                if (zh != null) {
                    error(Codes.DUPLICATE, span(z.ZH()), "the zh text is given twice", null);
                }
                zh = text(z.text());
            }
        }
        return new Texts(en, zh);
    }

    /** The value of a text; unterminated ones were reported by ScenarioParser and run to their line's end. */
    private String text(ScnParser.TextContext ctx) {
        String raw = ctx.getStart().getText();
        if (ctx instanceof ScnParser.TripleTextContext) {
            return Literals.tripleQuoted(raw);
        }
        if (ctx instanceof ScnParser.UnterminatedTripleTextContext) {
            return Literals.tripleQuoted(raw + "\"\"\"");
        }
        if (ctx instanceof ScnParser.UnterminatedTextContext) {
            return raw.substring(1);
        }
        try {
            return Literals.quoted(raw);
        } catch (BadLiteral bad) {
            report(bad, span(ctx));
            return raw.substring(1, raw.length() - 1);
        }
    }

    // ---- hosts -----------------------------------------------------------------------------

    /**
     * A host block. In a variant ({@code partial}) what is not written stays null (os, interface,
     * stray) so the runner can tell "unchanged" from "set to the default".
     */
    private HostDecl host(ScnParser.HostBlockContext ctx, boolean partial) {
        HostSettings s = new HostSettings();
        for (ScnParser.HostSettingContext setting : ctx.hostSetting()) {
            s.visit(setting);
        }
        String interfaceName = s.interfaceName != null || partial ? s.interfaceName : "em0";
        HostDecl.Stray stray = s.stray != null || partial ? s.stray : HostDecl.Stray.RST;
        return new HostDecl(ctx.name.getText(), span(ctx.name), s.osVersion, s.osSpan, List.copyOf(s.addresses),
                interfaceName, List.copyOf(s.sysctls), List.copyOf(s.ipfw), stray, List.copyOf(s.listens));
    }

    private final class HostSettings extends ScnParserBaseVisitor<Void> {
        String osVersion;
        Span osSpan = Span.NONE;
        String interfaceName;
        HostDecl.Stray stray;
        final List<HostDecl.Address> addresses = new ArrayList<>();
        final List<HostDecl.SysctlLine> sysctls = new ArrayList<>();
        final List<HostDecl.IpfwLine> ipfw = new ArrayList<>();
        final List<HostDecl.Listen> listens = new ArrayList<>();

        @Override
        public Void visitOsSetting(ScnParser.OsSettingContext ctx) {
            if (osVersion != null) {
                error(Codes.DUPLICATE, span(ctx), "'os' is given twice for this host", "keep one os line");
            }
            osVersion = ctx.version().getText();
            osSpan = span(ctx.version());
            return null;
        }

        @Override
        public Void visitIpSetting(ScnParser.IpSettingContext ctx) {
            for (TerminalNode ip : ctx.IPV4()) {
                addresses.add(new HostDecl.Address(ipv4(ip.getSymbol()), span(ip)));
            }
            return null;
        }

        @Override
        public Void visitInterfaceSetting(ScnParser.InterfaceSettingContext ctx) {
            interfaceName = ctx.ID().getText();
            return null;
        }

        @Override
        public Void visitSysctlSetting(ScnParser.SysctlSettingContext ctx) {
            sysctls.add(sysctl(ctx.sysctlCommand()));
            return null;
        }

        @Override
        public Void visitIpfwSetting(ScnParser.IpfwSettingContext ctx) {
            ipfw.add(ipfwLine(ctx.ipfwCommand()));
            return null;
        }

        @Override
        public Void visitStraySetting(ScnParser.StraySettingContext ctx) {
            stray = ctx.strayMode().RST() != null ? HostDecl.Stray.RST : HostDecl.Stray.DROP;
            return null;
        }

        @Override
        public Void visitListenSetting(ScnParser.ListenSettingContext ctx) {
            int port = port(ctx.port);
            HostDecl.App app = ctx.app() == null ? new HostDecl.PlainApp() : http(ctx.app());
            listens.add(new HostDecl.Listen(port, app, span(ctx)));
            return null;
        }
    }

    private HostDecl.SysctlLine sysctl(ScnParser.SysctlCommandContext ctx) {
        Token value = ctx.sysctlValue().getStart();
        long number = 0;
        if (value.getType() == ScnParser.SYSCTL_NUMBER) {
            number = integer(value, 0);
        } else {
            error(Codes.SYSCTL_NOT_INTEGER, span(value), "sysctl value '" + value.getText() + "' is not an integer",
                    "a bare number is in the sysctl's own unit, e.g. net.inet.tcp.msl=30000");
        }
        return new HostDecl.SysctlLine(ctx.SYSCTL_NAME().getText(), number, span(ctx.SYSCTL_NAME()), span(value));
    }

    private HostDecl.IpfwLine ipfwLine(ScnParser.IpfwCommandContext ctx) {
        List<String> words = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        for (TerminalNode word : ctx.IPFW_WORD()) {
            words.add(word.getText());
            spans.add(span(word));
        }
        return new HostDecl.IpfwLine(List.copyOf(words), List.copyOf(spans), span(ctx));
    }

    /** Defaults: request 0, response 0, then wait-for-client. */
    private HostDecl.HttpApp http(ScnParser.AppContext ctx) {
        long request = 0;
        long response = 0;
        HostDecl.HttpApp.Ending ending = HostDecl.HttpApp.Ending.WAIT_FOR_CLIENT;
        long linger = 0;
        for (ScnParser.HttpSettingContext setting : ctx.httpSetting()) {
            if (setting instanceof ScnParser.HttpRequestContext r) {
                request = size(r.size());
            } else if (setting instanceof ScnParser.HttpResponseContext r) {
                response = size(r.size());
            } else if (setting instanceof ScnParser.HttpThenContext then) {
                ScnParser.EndingContext e = then.ending();
                if (e instanceof ScnParser.CloseEndingContext) {
                    ending = HostDecl.HttpApp.Ending.CLOSE;
                } else if (e instanceof ScnParser.ShutdownEndingContext) {
                    ending = HostDecl.HttpApp.Ending.SHUTDOWN;
                } else if (e instanceof ScnParser.LingerEndingContext l) {
                    ending = HostDecl.HttpApp.Ending.LINGER;
                    linger = duration(l.duration());
                } else {
                    ending = HostDecl.HttpApp.Ending.WAIT_FOR_CLIENT;
                }
            }
        }
        return new HostDecl.HttpApp(request, response, ending, linger);
    }

    // ---- topology --------------------------------------------------------------------------

    /** Defaults: no delay, no jitter, no loss, mtu 1500. */
    private LinkDecl link(ScnParser.LinkDeclContext ctx) {
        long delay = 0;
        long jitter = 0;
        double loss = 0;
        int mtu = 1500;
        for (ScnParser.LinkOptionContext option : ctx.linkOption()) {
            if (option instanceof ScnParser.DelayOptionContext d) {
                delay = duration(d.duration());
            } else if (option instanceof ScnParser.JitterOptionContext j) {
                jitter = duration(j.duration());
            } else if (option instanceof ScnParser.LossOptionContext l) {
                loss = percent(l.percent());
            } else if (option instanceof ScnParser.MtuOptionContext m) {
                mtu = (int) ranged(m.INT().getSymbol(), 68, 65535, "an mtu", 1500);
            }
        }
        return new LinkDecl(ctx.a.getText(), ctx.b.getText(), delay, jitter, loss, mtu, span(ctx), span(ctx.a),
                span(ctx.b));
    }

    private PathRule pathRule(ScnParser.PathRuleContext ctx) {
        if (ctx instanceof ScnParser.DropRuleContext d) {
            long count = d.INT() == null ? -1 : integer(d.INT().getSymbol(), -1);
            return new PathRule.Drop(d.from.getText(), d.to.getText(), flags(d.tcpFlags()), count, span(ctx));
        }
        ScnParser.BlackholeRuleContext b = (ScnParser.BlackholeRuleContext) ctx;
        return new PathRule.Blackhole(b.from.getText(), b.to.getText(), span(ctx));
    }

    /** tcpdump letters (print-tcp.c): F S R P U E W, and '.' for ACK. */
    private int flags(ScnParser.TcpFlagsContext ctx) {
        if (ctx instanceof ScnParser.BracketedFlagsContext b) {
            return flags(b.flagLetters());
        }
        return flags(((ScnParser.BareFlagsContext) ctx).flagLetters());
    }

    private int flags(ScnParser.FlagLettersContext ctx) {
        if (ctx instanceof ScnParser.AckOnlyFlagsContext) {
            return TH_ACK;
        }
        ScnParser.LettersFlagsContext l = (ScnParser.LettersFlagsContext) ctx;
        Token letters = l.ID().getSymbol();
        if (l.DOT() != null && l.DOT().getSymbol().getStartIndex() != letters.getStopIndex() + 1) {
            error(Codes.BAD_FLAGS, span(l.DOT()), "flags are written together, as tcpdump prints them",
                    "write " + letters.getText() + ".");
        }
        int flags = l.DOT() != null ? TH_ACK : 0;
        for (char c : letters.getText().toCharArray()) {
            int bit = switch (c) {
                case 'F' -> TH_FIN;
                case 'S' -> TH_SYN;
                case 'R' -> TH_RST;
                case 'P' -> TH_PUSH;
                case 'U' -> TH_URG;
                case 'E' -> TH_ECE;
                case 'W' -> TH_CWR;
                default -> 0;
            };
            if (bit == 0) {
                error(Codes.BAD_FLAGS, span(letters), "unknown tcpdump flag letter '" + c + "' in '"
                        + letters.getText() + "'", "flags are S F R P U E W and . for ACK, e.g. S. or F.");
                return flags;
            }
            flags |= bit;
        }
        return flags;
    }

    // ---- timeline --------------------------------------------------------------------------

    /** Timed lines in file order; tracks the previous line's time for {@code at +T} and bare {@code within}. */
    private final class Timeline {
        private final List<TimelineEntry> entries = new ArrayList<>();
        private Long previous;
        /** A variant's timeline, where {@code replace expect} is allowed. */
        private boolean inVariant;

        List<TimelineEntry> entries() {
            return List.copyOf(entries);
        }

        /** The line's entry, also added to the timeline. */
        TimelineEntry add(ScnParser.TimelineLineContext ctx) {
            if (ctx instanceof ScnParser.BareExpectLineContext bare) {
                return addBareExpectation(bare);
            }
            ScnParser.QualifierContext qualifier;
            ScnParser.ActionContext action;
            Timing timing;
            if (ctx instanceof ScnParser.TimedLineContext t) {
                qualifier = t.qualifier();
                action = t.action();
                timing = timing(t.timing());
                if (qualifier != null && timing instanceof Timing.Every) {
                    error(Codes.WINDOW_WITH_EVERY, span(qualifier), "'" + qualifier.getStart().getText()
                            + "' does not go with 'every'", "use 'at T " + qualifier.getStart().getText() + " expect ...'");
                }
            } else {
                ScnParser.UntimedLineContext u = (ScnParser.UntimedLineContext) ctx;
                qualifier = u.qualifier();
                action = u.action();
                if (qualifier instanceof ScnParser.AlwaysQualifierContext) {
                    timing = new Timing.At(0);
                } else if (previous == null) {
                    error(Codes.RELATIVE_BEFORE_ANY_LINE, span(qualifier.getStart()),
                            "'within' without 'at' counts from the previous timeline line, and there is none",
                            "write 'at T within D expect ...'");
                    timing = new Timing.At(0);
                } else {
                    timing = new Timing.At(previous);
                }
            }
            Action built = new ActionVisitor().visit(action);
            TerminalNode replace = replaceWord(ctx);
            if (replace != null && !(built instanceof Action.Expect)) {
                error(Codes.REPLACE_OUTSIDE_VARIANT, span(replace), "'replace' applies to 'expect' only", null);
            } else if (replace != null && !inVariant) {
                error(Codes.REPLACE_OUTSIDE_VARIANT, span(replace), "'replace' belongs in a variant: it replaces "
                        + "the base scenario's expectations on that subject", "delete 'replace'");
            }
            if (qualifier != null) {
                if (built instanceof Action.Expect e) {
                    built = new Action.Expect(qualified(e.expectation(), qualifier));
                } else {
                    error(Codes.WINDOW_WITH_EVERY, span(qualifier.getStart()), "'" + qualifier.getStart().getText()
                            + "' applies to 'expect' only", null);
                }
            }
            TimelineEntry entry = new TimelineEntry(timing, built, span(ctx));
            entries.add(entry);
            return entry;
        }

        /** {@code expect c1 on H leaves S at T}: an instant, watched from the start of the run. */
        private TimelineEntry addBareExpectation(ScnParser.BareExpectLineContext ctx) {
            Expectation e = expectation(ctx.expectation());
            if (e.mode() != Expectation.Mode.WHEN) {
                error(Codes.SYNTAX, span(ctx.EXPECT()), "this 'expect' has no time",
                        "write 'at T expect ...', 'always expect ...', or an instant: '... leaves STATE at T'");
            }
            if (ctx.REPLACE() != null && !inVariant) {
                error(Codes.REPLACE_OUTSIDE_VARIANT, span(ctx.REPLACE()), "'replace' belongs in a variant: it replaces "
                        + "the base scenario's expectations on that subject", "delete 'replace'");
            }
            TimelineEntry entry = new TimelineEntry(new Timing.At(0), new Action.Expect(e), span(ctx));
            entries.add(entry);
            return entry;
        }

        private Timing timing(ScnParser.TimingContext ctx) {
            if (ctx instanceof ScnParser.AtTimingContext at) {
                long t = duration(at.duration());
                if (at.PLUS() != null) {
                    if (previous == null) {
                        error(Codes.RELATIVE_BEFORE_ANY_LINE, span(at.PLUS()),
                                "'at +" + at.duration().getText() + "' counts from the previous timeline line, "
                                        + "and there is none", "write an absolute time such as 'at "
                                        + at.duration().getText() + "'");
                    } else {
                        t = saturatedAdd(previous, t);
                    }
                }
                previous = t;
                return new Timing.At(t);
            }
            ScnParser.EveryTimingContext every = (ScnParser.EveryTimingContext) ctx;
            long period = duration(every.period);
            long from = every.from == null ? 0 : duration(every.from);
            long until = every.until == null ? -1 : duration(every.until);
            if (until >= 0 && until < from) {
                error(Codes.EMPTY_WINDOW, span(every.until), "'until " + every.until.getText()
                        + "' is before 'from " + (every.from == null ? "0s" : every.from.getText()) + "'", null);
            }
            if (period == 0) {
                error(Codes.OUT_OF_RANGE, span(every.period), "'every' needs a period above 0", null);
            }
            previous = from;
            return new Timing.Every(period, from, until);
        }
    }

    private Expectation qualified(Expectation e, ScnParser.QualifierContext q) {
        if (e.mode() == Expectation.Mode.WHEN) {
            error(Codes.QUALIFIED_INSTANT, span(q.getStart()), "'" + q.getStart().getText()
                    + "' does not go with an expectation about an instant", "it is watched from the line's"
                    + " instant to the end of the run already: leave out '" + q.getStart().getText() + "'");
            return e;
        }
        if (q instanceof ScnParser.WithinQualifierContext w) {
            return new Expectation(Expectation.Mode.WITHIN, duration(w.duration()), e.subject(), e.op(), e.value(),
                    e.span(), e.valueSpan());
        }
        return new Expectation(Expectation.Mode.ALWAYS, 0, e.subject(), e.op(), e.value(), e.span(), e.valueSpan());
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private final class ActionVisitor extends ScnParserBaseVisitor<Action> {
        @Override
        public Action visitConnectAction(ScnParser.ConnectActionContext ctx) {
            return new Action.Connect(ctx.host.getText(), ctx.target.getText(), port(ctx.port), ctx.conn.getText(),
                    span(ctx.host), span(ctx.target), span(ctx.conn));
        }

        @Override
        public Action visitSendAction(ScnParser.SendActionContext ctx) {
            return new Action.Send(ctx.conn.getText(), size(ctx.size()), span(ctx.conn));
        }

        @Override
        public Action visitRecvAction(ScnParser.RecvActionContext ctx) {
            return new Action.Recv(ctx.conn.getText(), span(ctx.conn));
        }

        @Override
        public Action visitShutdownAction(ScnParser.ShutdownActionContext ctx) {
            return new Action.Shutdown(ctx.conn.getText(), span(ctx.conn));
        }

        @Override
        public Action visitCloseAction(ScnParser.CloseActionContext ctx) {
            return new Action.Close(ctx.conn.getText(), span(ctx.conn));
        }

        @Override
        public Action visitAbortAction(ScnParser.AbortActionContext ctx) {
            return new Action.Abort(ctx.conn.getText(), span(ctx.conn));
        }

        @Override
        public Action visitForgetAction(ScnParser.ForgetActionContext ctx) {
            return new Action.Forget(ctx.host.getText(), ctx.conn.getText(), span(ctx.host), span(ctx.conn));
        }

        @Override
        public Action visitHostEventAction(ScnParser.HostEventActionContext ctx) {
            Action.HostEvent.Kind kind = switch (ctx.hostEvent().getStart().getType()) {
                case ScnParser.CRASH -> Action.HostEvent.Kind.CRASH;
                case ScnParser.REBOOT -> Action.HostEvent.Kind.REBOOT;
                case ScnParser.DOWN -> Action.HostEvent.Kind.DOWN;
                default -> Action.HostEvent.Kind.UP;
            };
            return new Action.HostEvent(ctx.host.getText(), kind, span(ctx.host));
        }

        @Override
        public Action visitOnSysctlAction(ScnParser.OnSysctlActionContext ctx) {
            HostDecl.SysctlLine line = sysctl(ctx.sysctlCommand());
            return new Action.Sysctl(ctx.host.getText(), line.name(), line.value(), span(ctx.host), line.nameSpan(),
                    line.valueSpan());
        }

        @Override
        public Action visitOnIpfwAction(ScnParser.OnIpfwActionContext ctx) {
            return new Action.Ipfw(ctx.host.getText(), ipfwLine(ctx.ipfwCommand()), span(ctx.host));
        }

        @Override
        public Action visitIfconfigAction(ScnParser.IfconfigActionContext ctx) {
            return new Action.Ifconfig(ctx.host.getText(), ctx.ifname.getText(), ctx.upDown().UP() != null,
                    span(ctx.host), span(ctx.ifname));
        }

        @Override
        public Action visitLinkStateAction(ScnParser.LinkStateActionContext ctx) {
            return new Action.LinkState(ctx.a.getText(), ctx.b.getText(), ctx.upDown().UP() != null, span(ctx.a),
                    span(ctx.b));
        }

        @Override
        public Action visitInjectAction(ScnParser.InjectActionContext ctx) {
            int flags = ctx.tcpFlags() == null ? 0 : flags(ctx.tcpFlags());
            ScnParser.InjectNumbersContext n = ctx.injectNumbers();
            return new Action.Inject(null, endpointHost(ctx.from), injectPort(ctx.from), endpointHost(ctx.to),
                    injectPort(ctx.to), flags, seqValue(n.seq, false, "a sequence number"),
                    seqValue(n.ack, false, "an acknowledgment number"), window(n), length(n), null, span(ctx.from),
                    span(ctx.to));
        }

        @Override
        public Action visitInjectOnAction(ScnParser.InjectOnActionContext ctx) {
            int flags = ctx.tcpFlags() == null ? 0 : flags(ctx.tcpFlags());
            ScnParser.InjectNumbersContext n = ctx.injectNumbers();
            return new Action.Inject(ctx.conn.getText(), null, 0, ctx.to.getText(), 0, flags,
                    seqValue(n.seq, true, "a sequence number"), seqValue(n.ack, true, "an acknowledgment number"),
                    window(n), length(n), span(ctx.conn), null, span(ctx.to));
        }

        @Override
        public Action visitSampleAction(ScnParser.SampleActionContext ctx) {
            return new Action.Sample(ctx.host.getText(), span(ctx.host));
        }

        @Override
        public Action visitShowAction(ScnParser.ShowActionContext ctx) {
            ScnParser.ShowToolContext tool = ctx.showTool();
            if (tool instanceof ScnParser.ShowNetstatContext n) {
                String pattern = n.pattern() == null ? null : patternText(n.pattern());
                return new Action.Show(ctx.host.getText(), Action.Show.Tool.NETSTAT, pattern, span(ctx.host));
            }
            if (tool instanceof ScnParser.ShowIpfwContext i) {
                List<String> words = i.IPFW_WORD().stream().map(TerminalNode::getText).toList();
                String pattern = words.isEmpty() ? null : String.join(" ", words);
                return new Action.Show(ctx.host.getText(), Action.Show.Tool.IPFW, pattern, span(ctx.host));
            }
            ScnParser.ShowSysctlContext s = (ScnParser.ShowSysctlContext) tool;
            String pattern = s.SYSCTL_NAME() == null ? null : s.SYSCTL_NAME().getText();
            return new Action.Show(ctx.host.getText(), Action.Show.Tool.SYSCTL, pattern, span(ctx.host));
        }

        @Override
        public Action visitExpectAction(ScnParser.ExpectActionContext ctx) {
            return new Action.Expect(expectation(ctx.expectation()));
        }
    }

    private String patternText(ScnParser.PatternContext ctx) {
        if (ctx.STRING() != null) {
            try {
                return Literals.quoted(ctx.STRING().getText());
            } catch (BadLiteral bad) {
                report(bad, span(ctx));
            }
        }
        return ctx.getText();
    }

    private static String endpointHost(ScnParser.EndpointContext ctx) {
        return ctx.ID() != null ? ctx.ID().getText() : ctx.IPV4().getText();
    }

    /** An injection's port: required, since a segment without one reaches no socket (issue 10). */
    private int injectPort(ScnParser.EndpointContext ctx) {
        if (ctx.INT() == null) {
            error(Codes.INJECT_WITHOUT_PORT, span(ctx), "'" + ctx.getText() + "' has no port",
                    "write " + ctx.getText() + ":PORT, or bind the segment to a connection: inject NAME to HOST tcp ...");
            return 0;
        }
        return port(ctx.INT().getSymbol());
    }

    /** {@code win W}: 65535 when left out, the largest window without scaling. */
    private int window(ScnParser.InjectNumbersContext n) {
        return n.win == null ? 65535 : (int) ranged(n.win, 0, 0xffff, "a window", 0);
    }

    /** {@code len L}: 0 when left out. */
    private int length(ScnParser.InjectNumbersContext n) {
        return n.len == null ? 0 : (int) ranged(n.len, 0, 65535, "a segment length", 0);
    }

    private static final java.util.Map<String, Action.SeqValue.Base> SEQ_BASES = java.util.Map.of(
            "rcv_nxt", Action.SeqValue.Base.RCV_NXT, "snd_nxt", Action.SeqValue.Base.SND_NXT,
            "snd_una", Action.SeqValue.Base.SND_UNA);

    /** {@code 1000}, or bound to a connection {@code rcv_nxt}, {@code rcv_nxt+10}, {@code snd_una-1}. */
    private Action.SeqValue seqValue(ScnParser.SeqValueContext ctx, boolean bound, String what) {
        if (ctx instanceof ScnParser.AbsoluteSeqContext a) {
            return new Action.SeqValue(Action.SeqValue.Base.ABSOLUTE,
                    ranged(a.INT().getSymbol(), 0, 0xffffffffL, what, 0), span(ctx));
        }
        ScnParser.RelativeSeqContext r = (ScnParser.RelativeSeqContext) ctx;
        String name = r.ID().getText();
        long offset = 0;
        int dash = name.indexOf('-');
        if (dash > 0 && name.substring(dash + 1).chars().allMatch(Character::isDigit)) {
            offset = -ranged(r.ID().getSymbol(), name.substring(dash + 1), 0, 0xffffffffL, "an offset", 0);
            name = name.substring(0, dash);
        }
        if (r.offset != null) {
            long amount = ranged(r.offset, 0, 0xffffffffL, "an offset", 0);
            offset = r.MINUS() != null ? -amount : amount;
        }
        Action.SeqValue.Base base = SEQ_BASES.get(name);
        if (base == null) {
            error(Codes.SEQ_VARIABLE, span(r.ID()), "'" + name + "' is not a number nor one of rcv_nxt, snd_nxt, snd_una",
                    "write a number, or rcv_nxt, snd_nxt, snd_una with an optional +N or -N");
            base = Action.SeqValue.Base.ABSOLUTE;
        } else if (!bound) {
            error(Codes.SEQ_VARIABLE, span(r.ID()), "'" + name + "' needs a connection to be read from",
                    "bind the segment to one: inject NAME to HOST tcp ... seq " + ctx.getText());
            base = Action.SeqValue.Base.ABSOLUTE;
        }
        return new Action.SeqValue(base, offset, span(ctx));
    }

    // ---- expectations ----------------------------------------------------------------------

    /** An {@code expect} at the line's instant; {@link #qualified} turns it into WITHIN or ALWAYS. */
    private Expectation expectation(ScnParser.ExpectationContext ctx) {
        if (ctx instanceof ScnParser.StateExpectationContext s) {
            Expectation.Subject subject = new Expectation.Subject.ConnectionState(s.conn.getText(), s.host.getText(),
                    span(ctx), span(s.conn), span(s.host));
            return new Expectation(Expectation.Mode.AT, 0, subject, Expectation.Op.IS, state(s.state), span(ctx),
                    span(s.state));
        }
        if (ctx instanceof ScnParser.ExistsExpectationContext e) {
            Span subjectSpan = new Span(file, e.conn.getLine(), e.conn.getCharPositionInLine() + 1,
                    e.EXISTS().getSymbol().getStopIndex() - e.conn.getStartIndex() + 1);
            Expectation.Subject subject = new Expectation.Subject.ConnectionExists(e.conn.getText(), e.host.getText(),
                    subjectSpan, span(e.conn), span(e.host));
            if (e.compareOp() == null) {
                return new Expectation(Expectation.Mode.AT, 0, subject, Expectation.Op.EQ, "1", span(ctx),
                        span(e.EXISTS()));
            }
            return new Expectation(Expectation.Mode.AT, 0, subject, op(e.compareOp()), number(e.number()), span(ctx),
                    span(e.number()));
        }
        if (ctx instanceof ScnParser.TransitionExpectationContext t) {
            Expectation.Subject subject = new Expectation.Subject.ConnectionState(t.conn.getText(), t.host.getText(),
                    span(ctx), span(t.conn), span(t.host));
            Expectation.Edge edge = t.edge.getType() == ScnParser.ENTERS ? Expectation.Edge.ENTERS
                    : Expectation.Edge.LEAVES;
            return new Expectation(Expectation.Mode.WHEN, 0, subject, Expectation.Op.IS, state(t.state), span(ctx),
                    span(t.state), when(edge, t.instant()));
        }
        ScnParser.CompareExpectationContext c = (ScnParser.CompareExpectationContext) ctx;
        if (c.FIRST() != null) {
            return new Expectation(Expectation.Mode.WHEN, 0, subject(c.subject()), op(c.compareOp()),
                    number(c.number()), span(ctx), span(c.number()), when(Expectation.Edge.FIRST_HOLDS, c.instant()));
        }
        return new Expectation(Expectation.Mode.AT, 0, subject(c.subject()), op(c.compareOp()), number(c.number()),
                span(ctx), span(c.number()));
    }

    private Expectation.When when(Expectation.Edge edge, ScnParser.InstantContext ctx) {
        long tolerance = ctx.tolerance == null ? 0 : duration(ctx.tolerance);
        return new Expectation.When(edge, duration(ctx.duration(0)), tolerance, span(ctx));
    }

    private Expectation.Subject subject(ScnParser.SubjectContext ctx) {
        if (ctx instanceof ScnParser.NetstatSubjectContext n) {
            return new Expectation.Subject.NetstatCount(n.host.getText(), state(n.state), span(ctx), span(n.host),
                    span(n.state));
        }
        if (ctx instanceof ScnParser.IpfwDynamicSubjectContext i) {
            return new Expectation.Subject.IpfwDynamic(i.host.getText(), span(ctx), span(i.host));
        }
        if (ctx instanceof ScnParser.SysctlSubjectContext y) {
            return new Expectation.Subject.SysctlValue(y.host.getText(), y.SYSCTL_NAME().getText(), span(ctx),
                    span(y.host), span(y.SYSCTL_NAME()));
        }
        if (ctx instanceof ScnParser.LogSubjectContext l) {
            String text = null;
            if (l.STRING() != null) {
                try {
                    text = Literals.quoted(l.STRING().getText());
                } catch (BadLiteral bad) {
                    report(bad, span(l.STRING()));
                }
            }
            return new Expectation.Subject.LogLines(l.host.getText(), text, span(ctx), span(l.host));
        }
        ScnParser.PacketsSubjectContext p = (ScnParser.PacketsSubjectContext) ctx;
        Expectation.PacketKind kind = switch (p.packetKind().getStart().getType()) {
            case ScnParser.KEEPALIVE -> Expectation.PacketKind.KEEPALIVE;
            case ScnParser.RST -> Expectation.PacketKind.RST;
            case ScnParser.FIN -> Expectation.PacketKind.FIN;
            case ScnParser.SYN -> Expectation.PacketKind.SYN;
            default -> Expectation.PacketKind.SENT;
        };
        if (p.peer == null) {
            return new Expectation.Subject.PacketCount(p.host.getText(), kind, span(ctx), span(p.host));
        }
        Expectation.Direction direction = p.way.getType() == ScnParser.FROM ? Expectation.Direction.RECEIVED
                : Expectation.Direction.SENT;
        return new Expectation.Subject.PacketCount(p.host.getText(), kind, direction, p.peer.getText(), span(ctx),
                span(p.host), span(p.peer));
    }

    private String state(Token token) {
        String name = token.getText();
        if (!TCP_STATES.contains(name)) {
            String folded = name.replace("_", "").toUpperCase();
            String close = TCP_STATES.stream().filter(s -> s.replace("_", "").equals(folded)).findFirst().orElse(null);
            error(Codes.UNKNOWN_STATE, span(token), "unknown TCP state '" + name + "'", close != null
                    ? "did you mean " + close + "?" : "states as netstat prints them: " + String.join(" ", TCP_STATES));
        }
        return name;
    }

    private static Expectation.Op op(ScnParser.CompareOpContext ctx) {
        return switch (ctx.getStart().getType()) {
            case ScnParser.EQ -> Expectation.Op.EQ;
            case ScnParser.NE -> Expectation.Op.NE;
            case ScnParser.LT -> Expectation.Op.LT;
            case ScnParser.LE -> Expectation.Op.LE;
            case ScnParser.GT -> Expectation.Op.GT;
            default -> Expectation.Op.GE;
        };
    }

    private String number(ScnParser.NumberContext ctx) {
        return Long.toString(integer(ctx.INT().getSymbol(), 0));
    }

    // ---- traffic ---------------------------------------------------------------------------

    private TrafficDecl traffic(ScnParser.TrafficContext ctx) {
        Token net = ctx.network().getStart();
        String network;
        int prefix = 32;
        if (net.getType() == ScnParser.CIDR) {
            String[] parts = net.getText().split("/");
            network = ipv4(net, parts[0]);
            prefix = (int) ranged(net, parts[1], 0, 32, "a prefix length", 32);
        } else {
            network = ipv4(net);
        }
        String rateText = ctx.RATE_PER_SECOND().getText();
        double rate = Double.parseDouble(rateText.substring(0, rateText.length() - 2));
        long from = duration(ctx.begin);
        long until = duration(ctx.finish);
        if (until < from) {
            error(Codes.EMPTY_WINDOW, span(ctx.finish), "traffic ends at " + ctx.finish.getText()
                    + ", before it starts at " + ctx.begin.getText(), null);
        }
        long request = 0;
        long response = 0;
        List<TrafficDecl.Share> shares = new ArrayList<>();
        for (ScnParser.TrafficSettingContext setting : ctx.trafficSetting()) {
            if (setting instanceof ScnParser.TrafficRequestContext r) {
                request = size(r.size());
            } else if (setting instanceof ScnParser.TrafficResponseContext r) {
                response = size(r.size());
            } else if (setting instanceof ScnParser.TrafficShareContext s) {
                shares.add(share(s));
            }
        }
        return new TrafficDecl(ctx.name.getText(), network, prefix, ctx.host.getText(), port(ctx.port), rate, from,
                until, request, response, List.copyOf(shares), span(ctx.name), span(ctx.host));
    }

    private TrafficDecl.Share share(ScnParser.TrafficShareContext ctx) {
        ScnParser.BehaviourContext b = ctx.behaviour();
        long parameter = 0;
        TrafficDecl.Behaviour behaviour;
        if (b instanceof ScnParser.NormalBehaviourContext) {
            behaviour = TrafficDecl.Behaviour.NORMAL;
        } else if (b instanceof ScnParser.VanishBehaviourContext) {
            behaviour = TrafficDecl.Behaviour.VANISH;
        } else if (b instanceof ScnParser.ResetBehaviourContext) {
            behaviour = TrafficDecl.Behaviour.RESET;
        } else if (b instanceof ScnParser.LoseFinBehaviourContext) {
            behaviour = TrafficDecl.Behaviour.LOSE_FIN;
        } else if (b instanceof ScnParser.SynOnlyBehaviourContext) {
            behaviour = TrafficDecl.Behaviour.SYN_ONLY;
        } else if (b instanceof ScnParser.SlowCloseBehaviourContext s) {
            behaviour = TrafficDecl.Behaviour.SLOW_CLOSE;
            parameter = duration(s.duration());
        } else {
            behaviour = TrafficDecl.Behaviour.IDLE;
            parameter = duration(((ScnParser.IdleBehaviourContext) b).duration());
        }
        return new TrafficDecl.Share(percent(ctx.percent()), behaviour, parameter, span(ctx));
    }

    // ---- variants --------------------------------------------------------------------------

    /**
     * Host blocks are partial hosts; bare {@code on H sysctl|ipfw} lines are settings at time 0,
     * gathered per host into one more partial host; timed lines form the variant's own timeline
     * (its {@code at +T} counts from its own previous line).
     */
    private Variant variant(ScnParser.VariantContext ctx) {
        List<HostDecl> hosts = new ArrayList<>();
        Map<String, BareSettings> bare = new LinkedHashMap<>();
        Timeline timeline = new Timeline();
        timeline.inVariant = true;
        List<LinkDecl> links = new ArrayList<>();
        List<PathRule> pathRules = new ArrayList<>();
        List<PathRule> removed = new ArrayList<>();
        List<TimelineEntry> replacing = new ArrayList<>();
        for (ScnParser.VariantItemContext item : ctx.variantItem()) {
            if (!Recovery.intact(item)) {
                continue; // a line broken by a syntax error is left out
            }
            if (item instanceof ScnParser.VariantHostContext h) {
                hosts.add(host(h.hostBlock(), true));
            } else if (item instanceof ScnParser.VariantSysctlContext s) {
                bare.computeIfAbsent(s.host.getText(), k -> new BareSettings(span(s.host)))
                        .sysctls.add(sysctl(s.sysctlCommand()));
            } else if (item instanceof ScnParser.VariantIpfwContext i) {
                bare.computeIfAbsent(i.host.getText(), k -> new BareSettings(span(i.host)))
                        .ipfw.add(ipfwLine(i.ipfwCommand()));
            } else if (item instanceof ScnParser.VariantTimelineContext t) {
                TimelineEntry entry = timeline.add(t.timelineLine());
                if (replaceWord(t.timelineLine()) != null) {
                    replacing.add(entry);
                }
            } else if (item instanceof ScnParser.VariantLinkContext l) {
                links.add(link(l.linkDecl()));
            } else if (item instanceof ScnParser.VariantPathRuleContext r) {
                (r.NO() == null ? pathRules : removed).add(pathRule(r.pathRule()));
            }
        }
        bare.forEach((name, s) -> hosts.add(new HostDecl(name, s.span, null, Span.NONE, List.of(), null,
                List.copyOf(s.sysctls), List.copyOf(s.ipfw), null, List.of())));
        return new Variant(text(ctx.text()), span(ctx.text()), List.copyOf(hosts), timeline.entries(),
                List.copyOf(links), List.copyOf(pathRules), List.copyOf(removed), List.copyOf(replacing));
    }

    /** The {@code replace} of a timeline line, or null. */
    private static TerminalNode replaceWord(ScnParser.TimelineLineContext ctx) {
        if (ctx instanceof ScnParser.BareExpectLineContext bare) {
            return bare.REPLACE();
        }
        return ctx instanceof ScnParser.TimedLineContext t ? t.REPLACE() : ((ScnParser.UntimedLineContext) ctx).REPLACE();
    }

    private static final class BareSettings {
        final Span span;
        final List<HostDecl.SysctlLine> sysctls = new ArrayList<>();
        final List<HostDecl.IpfwLine> ipfw = new ArrayList<>();

        BareSettings(Span span) {
            this.span = span;
        }
    }

    // ---- values ----------------------------------------------------------------------------

    /** A duration; {@code 5m} is five minutes here. */
    private long duration(ScnParser.DurationContext ctx) {
        try {
            return Literals.durationMicros(ctx.getText());
        } catch (BadLiteral bad) {
            report(bad, span(ctx));
            return 0;
        }
    }

    /** A size in bytes; {@code 5m} is five MiB here. */
    private long size(ScnParser.SizeContext ctx) {
        try {
            return Literals.sizeBytes(ctx.getText());
        } catch (BadLiteral bad) {
            report(bad, span(ctx));
            return 0;
        }
    }

    private double percent(ScnParser.PercentContext ctx) {
        double value = Double.parseDouble(ctx.getStart().getText());
        if (value > 100) {
            error(Codes.PERCENT_RANGE, span(ctx), "a percentage above 100: " + ctx.getText(), null);
            return 100;
        }
        return value;
    }

    private long integer(Token token, long fallback) {
        try {
            return Literals.integer(token.getText());
        } catch (BadLiteral bad) {
            report(bad, span(token));
            return fallback;
        }
    }

    private int port(Token token) {
        return (int) ranged(token, 0, 65535, "a port", 0);
    }

    private long ranged(Token token, long min, long max, String what, long fallback) {
        return ranged(token, token.getText(), min, max, what, fallback);
    }

    private long ranged(Token token, String text, long min, long max, String what, long fallback) {
        long value;
        try {
            value = Literals.integer(text);
        } catch (BadLiteral bad) {
            value = Long.MAX_VALUE;
        }
        if (value < min || value > max) {
            error(Codes.OUT_OF_RANGE, span(token), text + " is out of range for " + what,
                    what + " is " + min + " to " + max);
            return fallback;
        }
        return value;
    }

    private String ipv4(Token token) {
        return ipv4(token, token.getText());
    }

    private String ipv4(Token token, String dotted) {
        for (String part : dotted.split("\\.")) {
            if (part.length() > 3 || Integer.parseInt(part) > 255) {
                error(Codes.OUT_OF_RANGE, span(token), "'" + dotted + "' is not an IPv4 address",
                        "each of the four numbers is 0 to 255");
                break;
            }
        }
        return dotted;
    }

    // ---- diagnostics -----------------------------------------------------------------------

    private void report(BadLiteral bad, Span where) {
        diagnostics.error(bad.code, where, bad.getMessage(), bad.hint);
    }

    private void error(String code, Span where, String message, String hint) {
        diagnostics.error(code, where, message, hint);
    }

    private Span span(Token token) {
        return Tokens.span(file, token);
    }

    private Span span(TerminalNode node) {
        return Tokens.span(file, node);
    }

    private Span span(ParserRuleContext ctx) {
        return Tokens.span(file, ctx);
    }
}
