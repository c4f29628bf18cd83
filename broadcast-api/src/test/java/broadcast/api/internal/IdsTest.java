package broadcast.api.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdsTest {

    private static final Pattern URL_SAFE_22 = Pattern.compile("[A-Za-z0-9_-]{22}");

    @Test
    void anIdIs22UrlSafeCharacters() {
        for (int i = 0; i < 10_000; i++) {
            String id = Ids.next();
            assertTrue(URL_SAFE_22.matcher(id).matches(), id);
        }
    }

    @Test
    void anIdNeverStartsWithADashSoACommandLineDoesNotTakeItForAnOption() {
        for (int i = 0; i < 10_000; i++) {
            String id = Ids.next();
            assertTrue(id.charAt(0) >= 'V', id);
        }
    }

    @Test
    void theAlphabetIsInAsciiOrderSoStringOrderIsNumericOrder() {
        char[] alphabet = Ids.ALPHABET;
        assertEquals(64, alphabet.length);
        for (int i = 1; i < alphabet.length; i++) {
            assertTrue(alphabet[i - 1] < alphabet[i], "'" + alphabet[i - 1] + "' before '" + alphabet[i] + "'");
        }
    }

    @Test
    void idsOfOneThreadStrictlyIncrease() {
        String previous = Ids.next();
        for (int i = 0; i < 200_000; i++) {
            String id = Ids.next();
            assertTrue(id.compareTo(previous) > 0, previous + " then " + id);
            previous = id;
        }
    }

    @Test
    void idsAreUniqueAndIncreasingUnderConcurrency() throws Exception {
        int threads = 4;
        int perThread = 50_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<String> ids = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        ids.add(Ids.next());
                    }
                    return ids;
                }));
            }
            start.countDown();
            Set<String> all = new HashSet<>();
            for (Future<List<String>> f : futures) {
                List<String> ids = f.get(60, TimeUnit.SECONDS);
                for (int i = 1; i < ids.size(); i++) {
                    assertTrue(ids.get(i).compareTo(ids.get(i - 1)) > 0, "each thread sees increasing ids");
                }
                all.addAll(ids);
            }
            assertEquals(threads * perThread, all.size(), "no id given twice");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anIdStartsWithItsCreationTime() {
        long before = System.currentTimeMillis();
        String id = Ids.next();
        long after = System.currentTimeMillis();

        long millis = decodeTime(id);
        // a clock that stepped back keeps the last time, so the id may carry an earlier one only then
        assertTrue(millis >= before - 1_000 && millis <= after, millis + " within " + before + ".." + after);
    }

    @Test
    void stringOrderIsCreationOrderAcrossMilliseconds() {
        long t = 1_700_000_000_000L;
        String lastOfOneMillisecond = Ids.encode(t, 0xFFFFF, -1L);
        String firstOfTheNext = Ids.encode(t + 1, 0, 0);
        String muchLater = Ids.encode(t + 86_400_000L * 365 * 50, 0, 0);

        assertTrue(lastOfOneMillisecond.compareTo(firstOfTheNext) < 0, lastOfOneMillisecond + " < " + firstOfTheNext);
        assertTrue(firstOfTheNext.compareTo(muchLater) < 0);
        assertEquals(t, decodeTime(lastOfOneMillisecond));
        assertEquals(t + 1, decodeTime(firstOfTheNext));
    }

    @Test
    void theCounterPartEncodesAll84BitsInOrder() {
        long t = 1_700_000_000_000L;
        assertTrue(Ids.encode(t, 0, -1L).compareTo(Ids.encode(t, 1, 0)) < 0, "carry from the low 64 bits");
        assertTrue(Ids.encode(t, 0, Long.MAX_VALUE).compareTo(Ids.encode(t, 0, Long.MIN_VALUE)) < 0, "unsigned low bits");
        assertEquals("----------------------", Ids.encode(0, 0, 0));
        assertEquals("-------------------zzz", Ids.encode(0, 0, (1L << 18) - 1));
    }

    @Test
    void idsOfOneMillisecondSpreadOverHashBuckets() {
        // 20,000 ids made as fast as possible: most share their millisecond
        Set<Integer> hashes = new HashSet<>();
        Map<Integer, Integer> buckets = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            int h = Ids.next().hashCode();
            hashes.add(h);
            buckets.merge((h ^ h >>> 16) & 32767, 1, Integer::sum);
        }
        assertTrue(hashes.size() > 19_900, hashes.size() + " distinct hash codes");
        // thrown at random, 20,000 keys fill about 14,950 of 32,768 buckets; ids counting up by one filled 8,800
        assertTrue(buckets.size() > 14_000, buckets.size() + " buckets used");
    }

    @Test
    void requireValidAcceptsUrlSafeIdsUpTo64Characters() {
        assertEquals("a", Ids.requireValid("a"));
        assertEquals("A-z_09", Ids.requireValid("A-z_09"));
        String longest = "x".repeat(64);
        assertEquals(longest, Ids.requireValid(longest));
        String id = Ids.next();
        assertEquals(id, Ids.requireValid(id));
    }

    @Test
    void requireValidNamesWhatIsWrong() {
        assertEquals("id must hold only A-Z a-z 0-9 _ -, found U+002F at index 1 in \"a/b\"",
                assertThrows(IllegalArgumentException.class, () -> Ids.requireValid("a/b")).getMessage());
        assertEquals("id must be 1 to 64 characters, was 65 characters",
                assertThrows(IllegalArgumentException.class, () -> Ids.requireValid("x".repeat(65))).getMessage());
    }

    private static long decodeTime(String id) {
        String alphabet = new String(Ids.ALPHABET);
        long millis = 0;
        for (int i = 0; i < 8; i++) {
            millis = (millis << 6) | alphabet.indexOf(id.charAt(i));
        }
        return millis & ~Ids.TIME_MARK;
    }
}
