package broadcast.codec.kryo.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

class SlotPoolTest {

    @Test
    void shouldReuseWhatWasFreedAndDropWhatDoesNotFit() {
        AtomicInteger made = new AtomicInteger();
        SlotPool<Object> pool = new SlotPool<>(2, () -> made.incrementAndGet());
        Object first = pool.obtain();
        pool.free(first);
        assertSame(first, pool.obtain());
        List<Object> three = List.of(pool.obtain(), pool.obtain(), pool.obtain());
        three.forEach(pool::free);
        pool.obtain();
        pool.obtain();
        pool.obtain();
        assertEquals(5, made.get(), "one dropped when three came back to two slots");
    }

    /** An object is never in two threads' hands at once. */
    @Test
    void shouldNeverHandOneObjectToTwoThreads() throws InterruptedException {
        SlotPool<AtomicBoolean> pool = new SlotPool<>(4, AtomicBoolean::new);
        AtomicBoolean shared = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    AtomicBoolean inUse = pool.obtain();
                    if (!inUse.compareAndSet(false, true)) {
                        shared.set(true);
                    }
                    inUse.set(false);
                    pool.free(inUse);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertFalse(shared.get(), "an object was handed out twice");
    }
}
