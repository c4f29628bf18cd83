package broadcast.bench;

import broadcast.api.spi.Codec;
import broadcast.api.spi.Frame;
import broadcast.api.spi.Providers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values every codec benchmark uses, the same for each codec: a typical DATA header and two
 * payloads made of maps, lists, strings and numbers, which every codec can carry without
 * registration or generated classes. Stateless.
 */
final class Fixtures {

    /** Ticks in the large payload: about 16 KiB as JSON. */
    static final int LARGE_TICKS = 126;

    private Fixtures() {
    }

    /** The installed codec of that name, with its default settings. */
    static Codec codec(String name) {
        return Providers.installed().codec(name, Map.of());
    }

    /**
     * The header of a message a client sent to a channel, as the hub sees it: id, sender, channel,
     * persistent and content type (about 130 bytes as JSON).
     */
    static Frame.Data header(Codec codec) {
        return new Frame.Data("0PxQ3kZ7a1B2c3D4e5F6g7", "orders-service", null, "prices.eu", null, true, 0,
                codec.contentType(), 0);
    }

    /** How many different headers {@link #stream} gives. */
    static final int STREAM_LENGTH = 64;

    /**
     * The DATA headers of a stream of messages as a hub thread reads them: each with its own id
     * (ids never repeat), from a few senders to a few channels, with the codec's content type. A
     * codec that caches repeating strings gets no help from a repeated id.
     */
    static Frame.Data[] stream(Codec codec) {
        Frame.Data[] headers = new Frame.Data[STREAM_LENGTH];
        for (int i = 0; i < STREAM_LENGTH; i++) {
            String id = String.format("0PxQ3kZ7a1B2c3D4e5F%03d", i);
            headers[i] = new Frame.Data(id, "orders-service-" + i % 4, null, "prices.eu." + i % 8, null, true, 0,
                    codec.contentType(), 0);
        }
        return headers;
    }

    /** A payload of 128 bytes as JSON: one price tick. */
    static Map<String, Object> smallPayload() {
        return tick(0);
    }

    /** A payload of about 16 KiB as JSON: a batch of ticks. */
    static Map<String, Object> largePayload() {
        List<Object> ticks = new ArrayList<>(LARGE_TICKS);
        for (int i = 0; i < LARGE_TICKS; i++) {
            ticks.add(tick(i));
        }
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("batch", "b-1");
        batch.put("ticks", ticks);
        return batch;
    }

    /** The payload of a size parameter: {@code 128B} or {@code 16KiB}. */
    static Map<String, Object> payload(String size) {
        switch (size) {
            case "128B":
                return smallPayload();
            case "16KiB":
                return largePayload();
            default:
                throw new IllegalArgumentException("size must be 128B or 16KiB, was " + size);
        }
    }

    private static Map<String, Object> tick(int i) {
        Map<String, Object> tick = new LinkedHashMap<>();
        tick.put("symbol", "ACME");
        tick.put("venue", "XNAS");
        tick.put("side", i % 2 == 0 ? "BUY" : "SELL");
        tick.put("price", 12.5 + i % 7);
        tick.put("qty", 100 + i % 9);
        tick.put("ts", 1732600000000L + i);
        tick.put("trader", "desk-7");
        tick.put("account", "ACC-000123");
        return tick;
    }

    /** The header's bytes as the codec writes them. */
    static byte[] encodeHeader(Codec codec, Frame frame) {
        Sink sink = new Sink();
        try {
            codec.encodeHeader(frame, sink);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return sink.toByteArray();
    }

    /** A direct buffer holding the bytes, as Netty hands a frame to the transport. */
    static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }
}
