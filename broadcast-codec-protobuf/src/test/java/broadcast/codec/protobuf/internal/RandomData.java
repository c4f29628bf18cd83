package broadcast.codec.protobuf.internal;

import broadcast.codec.protobuf.internal.testproto.Line;
import broadcast.codec.protobuf.internal.testproto.Order;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random message data for property tests, with what a receiver should get back for it
 * ({@link #expected}). Not thread-safe.
 */
final class RandomData {

    private final Random random;
    private final RandomFrames text;

    RandomData(Random random) {
        this.random = random;
        this.text = new RandomFrames(random);
    }

    /** A random value of any supported top-level form. */
    Object value() {
        switch (random.nextInt(14)) {
            case 0:
                return null;
            case 1:
                return random.nextBoolean();
            case 2:
                return random.nextInt();
            case 3:
                return (short) random.nextInt();
            case 4:
                return (byte) random.nextInt();
            case 5:
                return text.someLong();
            case 6:
                return random.nextFloat() * (random.nextBoolean() ? 1e30f : -1f);
            case 7:
                return specialDouble();
            case 8:
                return text.text(40);
            case 9:
                byte[] bytes = new byte[random.nextInt(64)];
                random.nextBytes(bytes);
                return bytes;
            case 10:
                return map(1 + random.nextInt(4));
            case 11:
                return list(1 + random.nextInt(4));
            case 12:
                return Timestamp.newBuilder().setSeconds(random.nextInt()).setNanos(random.nextInt(1_000_000_000))
                        .build();
            default:
                return order();
        }
    }

    Order order() {
        Order.Builder order = Order.newBuilder().setId(text.text(20)).setQuantity(text.someLong())
                .setPrice(specialDouble());
        int lines = random.nextInt(4);
        for (int i = 0; i < lines; i++) {
            order.addLines(Line.newBuilder().setSku(text.text(10)).setCount(random.nextInt()));
        }
        if (random.nextBoolean()) {
            order.setPlacedAt(Timestamp.newBuilder().setSeconds(random.nextInt(Integer.MAX_VALUE)));
        }
        if (random.nextBoolean()) {
            order.putTags(text.text(8), text.text(8));
        }
        byte[] blob = new byte[random.nextInt(32)];
        random.nextBytes(blob);
        return order.setBlob(ByteString.copyFrom(blob)).build();
    }

    Map<String, Object> map(int depth) {
        int n = random.nextInt(6);
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(text.text(12), nested(depth));
        }
        return map;
    }

    Collection<Object> list(int depth) {
        int n = random.nextInt(6);
        Collection<Object> list = random.nextInt(5) == 0 ? new LinkedHashSet<>() : new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(nested(depth));
        }
        return list;
    }

    private Object nested(int depth) {
        int choices = depth > 0 ? 10 : 8;
        switch (random.nextInt(choices)) {
            case 0:
                return null;
            case 1:
                return random.nextBoolean();
            case 2:
                return random.nextInt();
            case 3:
                return (long) random.nextInt(1 << 30) * (random.nextBoolean() ? 1 << 23 : -1);
            case 4:
                return specialDouble();
            case 5:
                return random.nextFloat();
            case 6:
            case 7:
                return text.text(20);
            case 8:
                return map(depth - 1);
            default:
                return list(depth - 1);
        }
    }

    private double specialDouble() {
        switch (random.nextInt(8)) {
            case 0:
                return Double.NaN;
            case 1:
                return -0.0;
            case 2:
                return Double.POSITIVE_INFINITY;
            case 3:
                return Double.MIN_VALUE;
            default:
                return random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
        }
    }

    /**
     * What the receiver's {@code data()} gives for sent data: bytes and messages unchanged (a
     * message of an unknown type is checked separately), Short and Byte as Integer, maps and
     * collections as maps and lists whose numbers are Doubles.
     */
    static Object expected(Object sent) {
        if (sent instanceof Short || sent instanceof Byte) {
            return ((Number) sent).intValue();
        }
        if (sent instanceof Map || sent instanceof Collection) {
            return nestedExpected(sent);
        }
        return sent;
    }

    private static Object nestedExpected(Object sent) {
        if (sent instanceof Number) {
            return ((Number) sent).doubleValue();
        }
        if (sent instanceof Map) {
            Map<String, Object> map = new LinkedHashMap<>();
            ((Map<?, ?>) sent).forEach((k, v) -> map.put((String) k, nestedExpected(v)));
            return map;
        }
        if (sent instanceof Collection) {
            List<Object> list = new ArrayList<>();
            for (Object element : (Collection<?>) sent) {
                list.add(nestedExpected(element));
            }
            return list;
        }
        return sent;
    }
}
