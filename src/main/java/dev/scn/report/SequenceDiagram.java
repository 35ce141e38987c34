package dev.scn.report;

import java.util.List;

/**
 * The sequence diagram of one connection: four lanes (the client, the path, the server's ipfw,
 * the server's TCP) and rows top to bottom. Quiet stretches are cut out (a {@code GAP} row says
 * how long), and a cycle that repeats is drawn once inside a {@code FOLD} with its count and period.
 *
 * @param connection the connection's name in the scenario
 * @param client     the host that connected
 * @param server     the host it connected to
 */
public record SequenceDiagram(String connection, String client, String server, List<Row> rows) {
    public static final int CLIENT = 0;
    public static final int PATH = 1;
    public static final int IPFW = 2;
    public static final int TCP = 3;

    /** What a row draws. */
    public enum Type {
        /** A packet from one lane to another; the label is tcpdump-style. */
        ARROW,
        /** A state change or timer event on one lane. */
        MARK,
        /** Time skipped where nothing happened. */
        GAP,
        /** The first row of a folded cycle: "× N, every ≈ P s". */
        FOLD_START,
        /** The end of a folded cycle, with a note on what was folded away. */
        FOLD_END,
        /** The end of the run. */
        END
    }

    /**
     * @param from lane where an arrow starts or a mark sits
     * @param to   lane where an arrow ends (= from for marks)
     */
    public record Row(Type type, long micros, int from, int to, String key, List<String> args) {
    }

    public boolean hasFold() {
        return rows.stream().anyMatch(r -> r.type() == Type.FOLD_START);
    }
}
