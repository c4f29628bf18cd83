package broadcast.cli.internal.bench;

import broadcast.api.BroadcastMessage;
import broadcast.api.Payload;
import broadcast.cli.internal.CliException;
import broadcast.cli.internal.Json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data the benchmark sends, built once and shared by every message (a message never copies
 * nor changes it). {@code bytes}: a {@code byte[]}, which travels as it is whatever the codec.
 * {@code map}: a price tick as a {@code Map} whose JSON is exactly the size (128 bytes:
 * {@code {"symbol":"ACME","venue":"XNAS","side":"BUY","price":12.5,"qty":100,"ts":1732600000000,
 * "trader":"desk-7","account":"ACC-000123"}}, padded with a {@code note} for larger sizes), which
 * the codec encodes for every message and the subscribers decode. Immutable.
 */
final class BenchPayload {

    /** What the payload is. */
    enum Kind {
        BYTES, MAP
    }

    private final Kind kind;
    private final int size;
    private final Object data;

    private BenchPayload(Kind kind, int size, Object data) {
        this.kind = kind;
        this.size = size;
        this.data = data;
    }

    /** @throws CliException if a map cannot have that size */
    static BenchPayload of(Kind kind, int size) {
        if (kind == Kind.BYTES) {
            byte[] bytes = new byte[size];
            for (int i = 0; i < size; i++) {
                bytes[i] = (byte) ('a' + i % 26);
            }
            return new BenchPayload(kind, size, bytes);
        }
        return new BenchPayload(kind, size, tick(size));
    }

    static Map<String, Object> tick(int size) {
        Map<String, Object> tick = new LinkedHashMap<>();
        tick.put("symbol", "ACME");
        tick.put("venue", "XNAS");
        tick.put("side", "BUY");
        tick.put("price", 12.5);
        tick.put("qty", 100);
        tick.put("ts", 1_732_600_000_000L);
        tick.put("trader", "desk-7");
        tick.put("account", "ACC-000123");
        int base = Json.write(tick).length();
        if (size == base) {
            return Collections.unmodifiableMap(tick);
        }
        int padding = size - base - ",\"note\":\"\"".length();
        if (padding < 0) {
            throw new CliException("--payload map needs a --size of " + base + " bytes, or " + (base + 10)
                    + " or more, was " + size);
        }
        tick.put("note", "x".repeat(padding));
        return Collections.unmodifiableMap(tick);
    }

    Kind kind() {
        return kind;
    }

    /** The data of every message. */
    Object data() {
        return data;
    }

    /** Whether a received message carries this payload, checked cheaply (size, or a decoded map). */
    boolean matches(BroadcastMessage message) {
        if (kind == Kind.BYTES) {
            Payload p = message.payload().orElse(null);
            return p != null && p.size() == size;
        }
        return message.data() instanceof Map<?, ?> m && m.size() == ((Map<?, ?>) data).size();
    }
}
