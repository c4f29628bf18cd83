package broadcast.codec.kryo.testtypes;

import java.math.BigDecimal;

/** A registered record nested in {@link Quote}; its constructor refuses a negative depth. */
public record Level(int depth, BigDecimal size) {
    public Level {
        if (depth < 0) {
            throw new IllegalArgumentException("depth must not be negative, was " + depth);
        }
    }
}
