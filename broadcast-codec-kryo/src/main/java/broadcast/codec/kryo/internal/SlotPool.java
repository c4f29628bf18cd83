package broadcast.codec.kryo.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A bounded pool of costly objects without a lock: a fixed row of slots that threads take from and
 * give back to with compare-and-set, each thread starting at the slot its id picks, so a thread
 * usually gets back the object it returned, without contention. An empty row makes a new object;
 * a full one drops the returned object. Kryo's own {@code Pool} takes a lock on every call, which
 * shows on a payload of a hundred bytes. Thread-safe.
 */
final class SlotPool<T> {

    private final AtomicReferenceArray<T> slots;
    private final Supplier<T> factory;

    SlotPool(int capacity, Supplier<T> factory) {
        this.slots = new AtomicReferenceArray<>(capacity);
        this.factory = factory;
    }

    /** An object from the pool, or a new one. */
    T obtain() {
        int n = slots.length();
        int start = home(n);
        for (int i = 0; i < n; i++) {
            int slot = (start + i) % n;
            T item = slots.getPlain(slot);
            if (item != null && slots.compareAndSet(slot, item, null)) {
                return item;
            }
        }
        return factory.get();
    }

    /** Gives an object back, or drops it when the pool is full. */
    void free(T item) {
        int n = slots.length();
        int start = home(n);
        for (int i = 0; i < n; i++) {
            int slot = (start + i) % n;
            if (slots.getPlain(slot) == null && slots.compareAndSet(slot, null, item)) {
                return;
            }
        }
    }

    private static int home(int n) {
        return (int) (Thread.currentThread().getId() % n);
    }
}
