package broadcast.store.h2.internal;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;

/**
 * The value of the id index: where a queue's message is, with what removing it needs, so an
 * acknowledgement does not read the message. Immutable.
 *
 * @param sequence the message's sequence
 * @param size the message's size, as {@code StoredMessage.size()}
 * @param expiresAt the message's expiry, 0 for none
 * @param shared whether the message was appended to more than one queue
 * @param indexed whether the message is in the expiry index
 */
record Slot(long sequence, long size, long expiresAt, boolean shared, boolean indexed) {

    /** The MVStore type of slots. Stateless; thread-safe. */
    static final class Type extends BasicDataType<Slot> {

        static final Type INSTANCE = new Type();

        private Type() {
        }

        @Override
        public int getMemory(Slot obj) {
            return 40;
        }

        @Override
        public void write(WriteBuffer buff, Slot obj) {
            // the two lowest bits of the size field carry the flags
            long sizeAndFlags = obj.size << 2 | (obj.shared ? 1 : 0) | (obj.indexed ? 2 : 0);
            buff.putVarLong(obj.sequence).putVarLong(sizeAndFlags).putVarLong(obj.expiresAt);
        }

        @Override
        public Slot read(ByteBuffer buff) {
            long sequence = DataUtils.readVarLong(buff);
            long size = DataUtils.readVarLong(buff);
            long expiresAt = DataUtils.readVarLong(buff);
            return new Slot(sequence, size >>> 2, expiresAt, (size & 1) != 0, (size & 2) != 0);
        }

        @Override
        public Slot[] createStorage(int size) {
            return new Slot[size];
        }
    }
}
