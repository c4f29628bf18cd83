package broadcast.store.h2.internal;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The key of the id index: a queue id and a message id, ordered by queue then by the id's UTF-8
 * bytes. The id is kept as bytes so that H2 copies it whole when it writes a page. Immutable: the
 * array is never changed.
 *
 * @param queue the queue id
 * @param id the message id, UTF-8
 */
record IdKey(long queue, byte[] id) {

    IdKey(long queue, String id) {
        this(queue, id.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdKey k && k.queue == queue && Arrays.equals(k.id, id);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(queue) * 31 + Arrays.hashCode(id);
    }

    @Override
    public String toString() {
        return queue + "/" + new String(id, StandardCharsets.UTF_8);
    }

    /** The MVStore type of id keys. Stateless; thread-safe. */
    static final class Type extends BasicDataType<IdKey> {

        static final Type INSTANCE = new Type();

        private Type() {
        }

        @Override
        public int getMemory(IdKey obj) {
            return 40 + obj.id.length;
        }

        @Override
        public void write(WriteBuffer buff, IdKey obj) {
            buff.putVarLong(obj.queue).putVarInt(obj.id.length).put(obj.id);
        }

        @Override
        public IdKey read(ByteBuffer buff) {
            long queue = DataUtils.readVarLong(buff);
            byte[] id = new byte[DataUtils.readVarInt(buff)];
            buff.get(id);
            return new IdKey(queue, id);
        }

        @Override
        public int compare(IdKey a, IdKey b) {
            int c = Long.compare(a.queue, b.queue);
            return c != 0 ? c : Arrays.compareUnsigned(a.id, b.id);
        }

        @Override
        public IdKey[] createStorage(int size) {
            return new IdKey[size];
        }
    }
}
