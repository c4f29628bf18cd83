package broadcast.store.h2.internal;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;

/**
 * The value of maps that are sets (queue entries, the expiry index): one constant, written as no
 * bytes. Immutable.
 */
enum Mark {
    PRESENT;

    /** The MVStore type of the mark: zero bytes on disk. Stateless; thread-safe. */
    static final class Type extends BasicDataType<Mark> {

        static final Type INSTANCE = new Type();

        private Type() {
        }

        @Override
        public int getMemory(Mark obj) {
            return 0;
        }

        @Override
        public void write(WriteBuffer buff, Mark obj) {
            // nothing: the presence of the key is the information
        }

        @Override
        public Mark read(ByteBuffer buff) {
            return PRESENT;
        }

        @Override
        public Mark[] createStorage(int size) {
            return new Mark[size];
        }
    }
}
