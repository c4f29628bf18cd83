package broadcast.codec.json.internal;

import broadcast.api.ErrorCode;
import broadcast.api.Outcome;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Makes random frames and random data values from a seeded {@link Random}, so a failing case can be
 * replayed: every optional field absent or present, every error code and outcome reason, and strings
 * of every kind (empty, ASCII, accented, right-to-left, CJK, astral emoji, escapes, long). Not
 * thread-safe.
 */
final class RandomFrames {

    private static final String[] SAMPLES = {
        "", "a", "prices", "orders.eu-west", "client-7", "ünïcödé", "日本語のチャンネル", "שלום עולם", "مرحبا بالعالم",
        "📈📉", "👩‍👩‍👧‍👦 family", "𝄞 music", "quote \" and \\ backslash", "tab\tnew\nline\r", "nul\u0000byte",
        "\u2028\u2029 separators", "\u202Eright-to-left override", "<script>&amp;</script>", "{\"json\":[1,2]}",
    };

    private final Random random;

    RandomFrames(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** A random frame of a random kind that has a header (not PING or PONG). */
    Frame frame() {
        FrameKind[] kinds = {FrameKind.DATA, FrameKind.SUBSCRIBE, FrameKind.UNSUBSCRIBE, FrameKind.SUBACK,
            FrameKind.ACK, FrameKind.OUTCOME, FrameKind.ERROR};
        return frame(kinds[random.nextInt(kinds.length)]);
    }

    Frame frame(FrameKind kind) {
        switch (kind) {
            case DATA:
                return data();
            case SUBSCRIBE:
                return new Frame.Subscribe(requestId(), strings());
            case UNSUBSCRIBE:
                return new Frame.Unsubscribe(requestId(), strings());
            case SUBACK:
                return subAck();
            case ACK:
                return new Frame.Ack(strings());
            case OUTCOME:
                return outcomes();
            case ERROR:
                return new Frame.Error(pick(ErrorCode.values()), random.nextBoolean() ? text() : null);
            case PING:
                return Frame.Ping.INSTANCE;
            case PONG:
                return Frame.Pong.INSTANCE;
            default:
                throw new IllegalArgumentException("kind " + kind);
        }
    }

    Frame.Data data() {
        long expiresAt = random.nextInt(4) == 0 ? 0 : switch (random.nextInt(3)) {
            case 0 -> 1_700_000_000_000L + random.nextInt(1_000_000_000);
            case 1 -> Long.MAX_VALUE;
            default -> random.nextLong();
        };
        int flags = random.nextInt(3) == 0 ? 0 : switch (random.nextInt(3)) {
            case 0 -> Frame.Data.OUTCOME_REQUESTED;
            case 1 -> Frame.Data.OUTCOME_REQUESTED | Frame.Data.REDELIVERED;
            default -> random.nextInt();
        };
        String contentType = pick(new String[] {"application/json", "application/x-protobuf", "application/x-kryo",
            "text/plain;charset=utf-8", "application/octet-stream", text()});
        return new Frame.Data(text(), optional(), optional(), optional(), optional(), random.nextBoolean(), expiresAt,
                contentType, flags);
    }

    private Frame.SubAck subAck() {
        List<Frame.Refusal> refused = new ArrayList<>();
        for (int i = random.nextInt(2) == 0 ? 0 : random.nextInt(5); i > 0; i--) {
            refused.add(new Frame.Refusal(text(), pick(ErrorCode.values()), random.nextBoolean() ? text() : null));
        }
        return new Frame.SubAck(requestId(), refused);
    }

    private Frame.Outcomes outcomes() {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            Outcome.Status status = pick(Outcome.Status.values());
            Outcome.Reason reason = status == Outcome.Status.NOT_DELIVERED ? pick(Outcome.Reason.values()) : null;
            outcomes.add(new Outcome(text(), status, reason, random.nextBoolean() ? text() : ""));
        }
        return new Frame.Outcomes(outcomes);
    }

    private long requestId() {
        return random.nextBoolean() ? random.nextInt(1000) : random.nextLong();
    }

    private List<String> strings() {
        List<String> values = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            values.add(text());
        }
        return values;
    }

    private String optional() {
        return random.nextBoolean() ? null : text();
    }

    /** A string of any kind: a sample, random code points (astral ones too), or a mix. */
    String text() {
        switch (random.nextInt(6)) {
            case 0:
            case 1:
                return pick(SAMPLES);
            case 2:
                return randomCodePoints(random.nextInt(40));
            case 3:
                return pick(SAMPLES) + randomCodePoints(random.nextInt(8)) + pick(SAMPLES);
            case 4:
                return Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            default:
                return random.nextInt(50) == 0 ? randomCodePoints(2000 + random.nextInt(3000)) : "x" + random.nextInt();
        }
    }

    /** Valid code points only (no lone surrogates), from every plane in use. */
    private String randomCodePoints(int count) {
        StringBuilder text = new StringBuilder();
        while (count-- > 0) {
            int cp = switch (random.nextInt(5)) {
                case 0 -> random.nextInt(0x80);
                case 1 -> 0x80 + random.nextInt(0x800 - 0x80);
                case 2 -> 0x800 + random.nextInt(0xD800 - 0x800);
                case 3 -> 0xE000 + random.nextInt(0x10000 - 0xE000);
                default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
            };
            text.appendCodePoint(cp);
        }
        return text.toString();
    }

    /**
     * A random JSON value as the codec decodes it naturally: maps (LinkedHashMap), lists, strings,
     * Integer/Long/BigInteger, Double (finite), BigDecimal beyond the double range, booleans, null.
     */
    Object value(int depth) {
        int choice = random.nextInt(depth > 6 ? 7 : 9);
        switch (choice) {
            case 0:
                return text();
            case 1:
                return random.nextInt();
            case 2:
                return random.nextBoolean() ? (Object) (((long) Integer.MAX_VALUE) + 1 + (random.nextLong() & 0xFFFFFFFFFFL))
                        : (Object) BigInteger.ONE.shiftLeft(64 + random.nextInt(100)).add(BigInteger.valueOf(random.nextInt())).negate();
            case 3:
                return number();
            case 4:
                return random.nextBoolean();
            case 5:
                return null;
            case 6:
                return new BigDecimal("1.5e" + (400 + random.nextInt(1000)));
            case 7:
                return map(depth + 1);
            default:
                return list(depth + 1);
        }
    }

    private Double number() {
        double[] special = {0.0, -0.0, 1.0, -1.5, Double.MIN_VALUE, Double.MAX_VALUE, 1e-300, 0.1, 123456.789};
        return random.nextBoolean() ? special[random.nextInt(special.length)] : random.nextGaussian() * 1e6;
    }

    private Map<String, Object> map(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            map.put(text(), value(depth));
        }
        return map;
    }

    private List<Object> list(int depth) {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            list.add(value(depth));
        }
        return list;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
