package dev.scn.engine.tcp;

import dev.scn.engine.flow.FlowKey;
import dev.scn.engine.flow.Protocol;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowTableTest {
    private static FlowKey flow(int client, int port) {
        return FlowKey.of(Protocol.TCP, 0xC000020A, 80, client, port);
    }

    /**
     * 200,000 random adds and removals (by 4-tuple and by the entry itself) against a HashMap.
     * Hashes are cut to 5 bits so that long runs of colliding slots form and wrap around the
     * table's end: a removal that shifted back the wrong entry, or stopped a run too early,
     * would leave an entry the table can no longer find, and a later get or remove disagrees.
     */
    @Test
    @DisplayName("adds and removals, with long colliding runs that wrap, find what a HashMap finds")
    void agreesWithAMap() {
        FlowTable<FlowKey> table = new FlowTable<>(f -> f);
        Map<FlowKey, FlowKey> reference = new HashMap<>();
        List<FlowKey> present = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int step = 0; step < 200_000; step++) {
            FlowKey key = flow(0xC6120000 + random.nextInt(300), 1024 + random.nextInt(4));
            int hash = FlowTable.hash(key) & 31; // the same key always files under the same hash
            int op = random.nextInt(3);
            if (op == 0 && !reference.containsKey(key)) {
                table.add(key, hash);
                reference.put(key, key);
                present.add(key);
            } else if (op == 1) {
                assertSame(reference.remove(key), table.remove(key, hash), "remove " + key);
                present.remove(key);
            } else if (op == 2 && !present.isEmpty()) {
                FlowKey entry = present.remove(random.nextInt(present.size()));
                reference.remove(entry);
                assertTrue(table.removeEntry(entry, FlowTable.hash(entry) & 31), "removeEntry " + entry);
            }
            assertEquals(reference.size(), table.size());
            FlowKey probe = flow(0xC6120000 + random.nextInt(300), 1024 + random.nextInt(4));
            assertSame(reference.get(probe), table.get(probe, FlowTable.hash(probe) & 31), "get " + probe);
        }
        Set<FlowKey> listed = new HashSet<>();
        table.forEach(listed::add);
        assertEquals(reference.keySet(), listed);
    }

    @Test
    @DisplayName("an entry not in the table is not removed, and clear empties it")
    void removeEntryOfAnAbsentOne() {
        FlowTable<FlowKey> table = new FlowTable<>(f -> f);
        FlowKey a = flow(0xC6120001, 1024);
        FlowKey b = flow(0xC6120002, 1024);
        table.add(a, FlowTable.hash(a));
        assertFalse(table.removeEntry(b, FlowTable.hash(b)));
        assertEquals(1, table.size());
        table.clear();
        assertEquals(0, table.size());
        assertNull(table.get(a, FlowTable.hash(a)));
    }
}
