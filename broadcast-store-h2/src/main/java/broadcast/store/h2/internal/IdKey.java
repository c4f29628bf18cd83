package broadcast.store.h2.internal;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;

/**
 * The key of the id index: a queue id and a message id, ordered by queue then id. Immutable.
 *
 * @param queue the queue id
 * @param id the message id
 */
record IdKey(long queue, String id) {

    /** The MVStore type of id keys. Stateless; thread-safe. */
    static final class Type extends BasicDataType<IdKey> {

        static final Type INSTANCE = new Type();

        private Type() {
        }

        @Override
        public int getMemory(IdKey obj) {
            return 48 + 2 * obj.id.length();
        }

        @Override
        public void write(WriteBuffer buff, IdKey obj) {
            buff.putVarLong(obj.queue).putVarInt(obj.id.length()).putStringData(obj.id, obj.id.length());
        }

        @Override
        public IdKey read(ByteBuffer buff) {
            return new IdKey(DataUtils.readVarLong(buff), DataUtils.readString(buff));
        }

        @Override
        public int compare(IdKey a, IdKey b) {
            int c = Long.compare(a.queue, b.queue);
            return c != 0 ? c : a.id.compareTo(b.id);
        }

        @Override
        public IdKey[] createStorage(int size) {
            return new IdKey[size];
        }
    }
}
