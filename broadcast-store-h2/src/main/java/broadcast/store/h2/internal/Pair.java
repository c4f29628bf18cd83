package broadcast.store.h2.internal;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;

/**
 * A key of two longs, ordered by the first then the second: (queue id, sequence) for queue
 * entries, (expiry, sequence) for the expiry index. Immutable.
 *
 * @param high the first, major part
 * @param low the second, minor part
 */
record Pair(long high, long low) {

    /** The MVStore type of pairs: two variable-length longs. Stateless; thread-safe. */
    static final class Type extends BasicDataType<Pair> {

        static final Type INSTANCE = new Type();

        private Type() {
        }

        @Override
        public int getMemory(Pair obj) {
            return 32;
        }

        @Override
        public void write(WriteBuffer buff, Pair obj) {
            buff.putVarLong(obj.high).putVarLong(obj.low);
        }

        @Override
        public Pair read(ByteBuffer buff) {
            return new Pair(DataUtils.readVarLong(buff), DataUtils.readVarLong(buff));
        }

        @Override
        public int compare(Pair a, Pair b) {
            int c = Long.compare(a.high, b.high);
            return c != 0 ? c : Long.compare(a.low, b.low);
        }

        @Override
        public Pair[] createStorage(int size) {
            return new Pair[size];
        }
    }
}
