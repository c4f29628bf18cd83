package broadcast.codec.protobuf.internal;

/**
 * Converts a decoded number to another boxed number type when the value is exact there, so
 * {@code data(Integer.class)} reads a number that came as a Long or a Double with no loss, and
 * refuses one that would change. Stateless; thread-safe.
 */
final class Numbers {

    private static final double TWO_TO_63 = 0x1p63;

    private Numbers() {
    }

    /**
     * The value as that type ({@code Long}, {@code Integer}, {@code Short}, {@code Byte},
     * {@code Double}, {@code Float}), or {@code null} if it is not exact there or another type.
     */
    static Number convert(Number value, Class<?> type) {
        if (value instanceof Double || value instanceof Float) {
            return fromDouble(value.doubleValue(), type);
        }
        return fromLong(value.longValue(), type);
    }

    private static Number fromLong(long v, Class<?> type) {
        if (type == Long.class) {
            return v;
        }
        if (type == Integer.class) {
            return v == (int) v ? (Number) (int) v : null;
        }
        if (type == Short.class) {
            return v == (short) v ? (Number) (short) v : null;
        }
        if (type == Byte.class) {
            return v == (byte) v ? (Number) (byte) v : null;
        }
        if (type == Double.class) {
            double d = v;
            return d != TWO_TO_63 && (long) d == v ? (Number) d : null;
        }
        if (type == Float.class) {
            float f = v;
            return f != (float) TWO_TO_63 && (long) f == v ? (Number) f : null;
        }
        return null;
    }

    private static Number fromDouble(double d, Class<?> type) {
        if (type == Double.class) {
            return d;
        }
        if (type == Float.class) {
            float f = (float) d;
            return f == d || Double.isNaN(d) ? (Number) f : null;
        }
        boolean whole = d == Math.rint(d) && !Double.isInfinite(d);
        if (!whole || d >= TWO_TO_63 || d < -TWO_TO_63) {
            return null;
        }
        return fromLong((long) d, type);
    }
}
