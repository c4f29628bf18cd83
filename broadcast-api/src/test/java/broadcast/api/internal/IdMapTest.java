package broadcast.api.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdMapTest {

    @Test
    void behavesLikeAHashMapUnderRandomOperations() {
        for (int keysInPlay : new int[] {1, 5, 100, 5000}) {
            IdMap<Integer> map = new IdMap<>();
            Map<String, Integer> model = new HashMap<>();
            Random random = new Random(keysInPlay);
            for (int step = 0; step < 100_000; step++) {
                String id = "id-" + random.nextInt(keysInPlay);
                int value = random.nextInt();
                String what = "keys " + keysInPlay + ", step " + step + ", id " + id;
                switch (random.nextInt(6)) {
                    case 0, 1 -> assertEquals(model.put(id, value), map.put(new String(id), value), what);
                    case 2 -> assertEquals(model.putIfAbsent(id, value), map.putIfAbsent(id, value), what);
                    case 3 -> assertEquals(model.remove(id), map.remove(id), what);
                    case 4 -> assertEquals(model.replace(id, value), map.replace(id, value), what);
                    default -> {
                        assertEquals(model.get(id), map.get(id), what);
                        assertEquals(model.containsKey(id), map.containsKey(id), what);
                    }
                }
                assertEquals(model.size(), map.size(), what);
            }
            Map<String, Integer> seen = new HashMap<>();
            map.forEach(seen::put);
            assertEquals(model, seen, "every entry once, keys " + keysInPlay);
        }
    }

    @Test
    void holdsRealIdsWhoseStringHashesCollide() {
        IdMap<String> map = new IdMap<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            String id = Ids.next();
            ids.add(id);
            assertNull(map.put(id, id));
        }
        for (String id : ids) {
            assertEquals(id, map.get(new String(id)));
        }
        for (int i = 0; i < ids.size(); i += 2) {
            assertEquals(ids.get(i), map.remove(ids.get(i)));
        }
        assertEquals(25_000, map.size());
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(i % 2 == 0 ? null : ids.get(i), map.get(ids.get(i)));
        }
        map.clear();
        assertTrue(map.isEmpty());
        assertNull(map.get(ids.get(1)));
    }
}
