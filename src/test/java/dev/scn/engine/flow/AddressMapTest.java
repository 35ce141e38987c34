package dev.scn.engine.flow;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The address map against a plain HashMap, with pools (long runs) and scattered hosts mixed. */
class AddressMapTest {

    @Test
    @DisplayName("pools, single hosts and misses: the same answers as a HashMap")
    void matchesAHashMap() {
        AddressMap<String> map = new AddressMap<>();
        Map<Integer, String> model = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        // Five pools (one more than the ranges kept), one of them in the upper half of the
        // address space where the int is negative, one interrupted by a host in the middle,
        // and single hosts between them.
        int[] pools = {0x0A010000, 0xC6120000, 0xC0000200, 0x0B000000, 0x0C000000};
        int[] lengths = {65536, 300, 255, 4096, 1000};
        for (int p = 0; p < pools.length; p++) {
            String owner = "pool" + p;
            for (int i = 0; i < lengths[p]; i++) {
                if (p == 3 && i == 2000) {
                    put(map, model, 0x01020304, "lonely");
                }
                put(map, model, pools[p] + i, owner);
            }
            put(map, model, random.nextInt(), "host" + p);
        }
        // Putting an address again keeps its first owner.
        assertEquals("pool0", map.putIfAbsent(0x0A010005, "late"));
        for (int i = 0; i < 200_000; i++) {
            int address = random.nextBoolean()
                    ? pools[random.nextInt(pools.length)] + random.nextInt(70_000) - 100
                    : random.nextInt();
            assertEquals(model.get(address), map.get(address), () -> Integer.toHexString(address));
        }
        for (Map.Entry<Integer, String> e : model.entrySet()) {
            assertEquals(e.getValue(), map.get(e.getKey()));
        }
        assertEquals(model.size(), map.size());
        assertNull(map.get(0x0A010000 + 65536));
        assertNull(map.get(0x0A010000 - 1));
    }

    private static void put(AddressMap<String> map, Map<Integer, String> model, int address, String owner) {
        assertEquals(model.putIfAbsent(address, owner), map.putIfAbsent(address, owner));
    }
}
