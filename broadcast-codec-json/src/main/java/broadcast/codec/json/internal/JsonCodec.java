package broadcast.codec.json.internal;

import broadcast.api.spi.Codec;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import com.fasterxml.jackson.core.JsonFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The {@code json} codec: frame headers as JSON objects read and written with Jackson's streaming
 * API (no reflection on the frame types), payload data with a Jackson {@code ObjectMapper}. The
 * format is described in {@code docs/protocol.md}. Thread-safe: one instance serves every
 * connection.
 */
final class JsonCodec implements Codec {

    /**
     * How deep a header may nest. The deepest header (OUTCOME) nests three levels; the rest is
     * room for fields a later version may add, which this one skips.
     */
    static final int HEADER_MAX_NESTING_DEPTH = 16;

    /** The longest string value in a header, in characters; names and ids are far shorter. */
    static final int HEADER_MAX_STRING_LENGTH = 1 << 20;

    private final JsonSettings settings;
    private final HeaderWriter headerWriter;
    private final HeaderReader headerReader;
    private final DataMapper data;

    JsonCodec(JsonSettings settings) {
        this.settings = settings;
        JsonFactory headers = JsonFactories.create(HEADER_MAX_NESTING_DEPTH, HEADER_MAX_STRING_LENGTH);
        this.headerWriter = new HeaderWriter(headers);
        this.headerReader = new HeaderReader(headers);
        this.data = new DataMapper(settings);
    }

    @Override
    public String name() {
        return JsonCodecProvider.NAME;
    }

    @Override
    public String contentType() {
        return JsonCodecProvider.CONTENT_TYPE;
    }

    @Override
    public void encodeHeader(Frame frame, OutputStream out) throws IOException {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(out, "out");
        headerWriter.write(frame, out);
    }

    @Override
    public Frame decodeHeader(FrameKind kind, ByteBuffer header) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(header, "header");
        return headerReader.read(kind, header);
    }

    @Override
    public byte[] encodeData(Object value) {
        return data.encode(value);
    }

    @Override
    public Object decodeData(ByteBuffer payload) {
        return decodeData(payload, Object.class);
    }

    @Override
    public <T> T decodeData(ByteBuffer payload, Class<T> type) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(type, "type");
        return data.decode(payload, type);
    }

    @Override
    public String toString() {
        return "json codec (" + JsonSettings.MAX_NESTING_DEPTH + "=" + settings.maxNestingDepth() + ")";
    }
}
