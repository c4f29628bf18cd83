package broadcast.codec.kryo.internal;

import broadcast.api.ErrorCode;
import broadcast.api.Outcome;
import broadcast.api.Payload;
import broadcast.api.spi.Frame;
import broadcast.codec.kryo.testtypes.Account;
import broadcast.codec.kryo.testtypes.Level;
import broadcast.codec.kryo.testtypes.Quote;
import broadcast.codec.kryo.testtypes.Side;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/** Random frames and payload values from a seeded {@link Random}. */
final class Generators {

    private static final String[] CONTENT_TYPES = {
        KryoCodec.CONTENT_TYPE, Payload.OCTET_STREAM, Payload.TEXT, "application/json", "application/x-protobuf",
        "application/vnd.acme+cbor", "",
    };

    private final Random random;

    Generators(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** A string of valid code points from several planes: ASCII, Latin-1, Greek, CJK, emoji. */
    String string(int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0, 1 -> s.append((char) (0x20 + random.nextInt(0x5f)));
                case 2 -> s.append((char) (0xa0 + random.nextInt(0x60)));
                case 3 -> s.append((char) (0x391 + random.nextInt(0x30)));
                case 4 -> s.append((char) (0x4e00 + random.nextInt(0x5000)));
                default -> s.appendCodePoint(0x1f300 + random.nextInt(0x300));
            }
        }
        return s.toString();
    }

    private String stringOrNull() {
        return random.nextInt(3) == 0 ? null : string(24);
    }

    private List<String> strings() {
        List<String> values = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            values.add(string(20));
        }
        return values;
    }

    /** A frame of any kind but PING and PONG (which have no header), with random fields. */
    Frame frame() {
        return switch (random.nextInt(7)) {
            case 0, 1 -> data();
            case 2 -> new Frame.Subscribe(requestId(), strings());
            case 3 -> new Frame.Unsubscribe(requestId(), strings());
            case 4 -> subAck();
            case 5 -> random.nextBoolean() ? new Frame.Ack(strings()) : outcomes();
            default -> new Frame.Error(errorCode(), random.nextInt(4) == 0 ? null : string(60));
        };
    }

    Frame.Data data() {
        long expiresAt = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextLong();
            default -> 1_700_000_000_000L + random.nextInt(1_000_000_000);
        };
        String contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
        if (contentType.isEmpty()) {
            contentType = string(30);
        }
        int flags = random.nextInt(5) == 0 ? random.nextInt() : random.nextInt(4);
        return new Frame.Data(string(36), stringOrNull(), stringOrNull(), stringOrNull(), stringOrNull(),
                random.nextBoolean(), expiresAt, contentType, flags);
    }

    private long requestId() {
        return random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(100_000);
    }

    private Frame.SubAck subAck() {
        List<Frame.Refusal> refused = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            refused.add(new Frame.Refusal(string(20), errorCode(), random.nextInt(3) == 0 ? null : string(40)));
        }
        return new Frame.SubAck(requestId(), refused);
    }

    private Frame.Outcomes outcomes() {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            outcomes.add(outcome());
        }
        return new Frame.Outcomes(outcomes);
    }

    Outcome outcome() {
        Outcome.Status status = pick(Outcome.Status.values());
        Outcome.Reason reason = status == Outcome.Status.NOT_DELIVERED ? pick(Outcome.Reason.values()) : null;
        return new Outcome(string(36), status, reason, random.nextInt(3) == 0 ? null : string(40));
    }

    ErrorCode errorCode() {
        return pick(ErrorCode.values());
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Payload bytes for a frame: mostly small, sometimes empty, rarely 1 MiB. */
    byte[] payloadBytes() {
        int size = switch (random.nextInt(50)) {
            case 0 -> 1 << 20;
            case 1, 2, 3, 4, 5 -> 0;
            default -> random.nextInt(300);
        };
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A random payload value: nested maps and lists of plain values and registered types. */
    Object value(int depth) {
        int choice = random.nextInt(depth <= 0 ? 20 : 27);
        return switch (choice) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextInt();
            case 3 -> random.nextLong();
            case 4 -> (short) random.nextInt();
            case 5 -> (byte) random.nextInt();
            case 6 -> random.nextInt(10) == 0 ? Double.NaN : random.nextDouble() * 1e6 - 5e5;
            case 7 -> random.nextFloat();
            case 8 -> (char) (0x20 + random.nextInt(0x3000));
            case 9, 10 -> string(40);
            case 11 -> new BigInteger(random.nextInt(200) + 1, random);
            case 12 -> new BigDecimal(new BigInteger(random.nextInt(100) + 1, random), random.nextInt(40) - 20);
            case 13 -> new UUID(random.nextLong(), random.nextLong());
            case 14 -> Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000));
            case 15 -> LocalDate.ofEpochDay(random.nextInt(100_000));
            case 16 -> LocalDateTime.of(LocalDate.ofEpochDay(random.nextInt(50_000)), LocalTime.ofNanoOfDay(random.nextInt(1_000_000_000)));
            case 17 -> Duration.ofMillis(random.nextLong() >> 20);
            case 18 -> bytes(random.nextInt(64));
            case 19 -> pick(Side.values());
            case 20, 21 -> list(depth - 1);
            case 22, 23 -> map(depth - 1);
            case 24 -> set();
            case 25 -> quote(depth - 1);
            default -> new Account(string(10), random.nextLong(), List.of(string(5), string(5)));
        };
    }

    private byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private List<Object> list(int depth) {
        int size = random.nextInt(6);
        List<Object> list = switch (random.nextInt(3)) {
            case 0 -> new ArrayList<>();
            case 1 -> new LinkedList<>();
            default -> new ArrayList<>(); // List.of() is tried in the stand-in test; it refuses nulls
        };
        for (int i = 0; i < size; i++) {
            list.add(value(depth));
        }
        if (random.nextInt(4) == 0) {
            list.add(new int[] {random.nextInt(), random.nextInt()});
            list.add(new String[] {string(5), null});
        }
        return list;
    }

    private Map<Object, Object> map(int depth) {
        int size = random.nextInt(6);
        Map<Object, Object> map = switch (random.nextInt(3)) {
            case 0 -> new HashMap<>();
            case 1 -> new LinkedHashMap<>();
            default -> new TreeMap<>();
        };
        for (int i = 0; i < size; i++) {
            map.put(string(12), value(depth));
        }
        return map;
    }

    private Object set() {
        java.util.Set<Object> set = random.nextBoolean() ? new HashSet<>() : new LinkedHashSet<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            set.add(random.nextBoolean() ? string(8) : (Object) random.nextLong());
        }
        return set;
    }

    Quote quote(int depth) {
        List<Object> tags = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            tags.add(value(Math.min(depth, 1)));
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            attributes.put(string(8), value(Math.min(depth, 1)));
        }
        Level level = random.nextInt(4) == 0 ? null : new Level(random.nextInt(50), BigDecimal.valueOf(random.nextLong(), 3));
        return new Quote(random.nextInt(5) == 0 ? null : string(8), random.nextDouble(), random.nextLong(),
                random.nextBoolean(), tags, attributes, random.nextBoolean() ? Side.BUY : Side.SELL, level);
    }
}
